/** Re-embed lifecycle: a building space can be paused; a retired space is kept until `purge_after` for undo. */
export const reembedLifecycle = /* sql */ `
alter table embedding_spaces add column paused boolean not null default false;
alter table embedding_spaces add column retired_at timestamptz;
alter table embedding_spaces add column purge_after timestamptz;
alter table embedding_spaces add column purged_at timestamptz;
create unique index embedding_spaces_one_building on embedding_spaces ((true)) where state = 'building';
`;
