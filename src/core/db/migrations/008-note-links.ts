/**
 * Links and backlinks (#18): each note's links to other notes as written (resolved at read time, so they follow
 * notes that appear, are renamed or are forgotten), with the name they look up (`target_key`) and, for a target with
 * folders, the path the note's own must end with (`target_path`); and the names a note answers to (title and file
 * name, its file's path, front-matter aliases). `links_indexed` is false for notes stored before this migration: a background step at
 * open parses them in batches and sets it, so a crash resumes where it stopped; notes written later are indexed
 * in the transaction that writes them.
 */
export const noteLinks = /* sql */ `
create table note_links (
  note_id integer not null references notes (id) on delete cascade,
  ordinal integer not null,
  kind text not null check (kind in ('wikilink', 'embed', 'markdown')),
  target text not null,
  target_key text not null,
  target_path text,
  heading text,
  block_ref text,
  label text,
  context text not null default '',
  primary key (note_id, ordinal)
);
create index note_links_target_key on note_links (target_key, note_id);

-- rank: 0 its name (title, file name), 1 its file's whole path (matched by suffix, after the name), 2 a front-matter alias
create table note_link_names (
  note_id integer not null references notes (id) on delete cascade,
  name text not null,
  rank smallint not null,
  primary key (note_id, name)
);
create index note_link_names_name on note_link_names (name, rank);

alter table notes add column links_indexed boolean not null default false;
alter table notes alter column links_indexed set default true;
create index notes_links_pending on notes (id) where not links_indexed;
`;
