/** Notes, chunks, embedding spaces, per-space vectors, the durable embedding queue and settings. */
export const initialSchema = /* sql */ `
create extension if not exists vector;
create extension if not exists pg_textsearch;

create table notes (
  id integer generated always as identity primary key,
  title text not null,
  body text not null,
  tags text[] not null default '{}',
  source_kind text not null,
  source_path text not null default '',
  content_hash text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);
-- identical content from the same source is stored once
create unique index notes_source_content on notes (source_kind, source_path, content_hash);
create index notes_created_at on notes (created_at);
create index notes_tags on notes using gin (tags);

create table chunks (
  id integer generated always as identity primary key,
  note_id integer not null references notes (id) on delete cascade,
  ordinal integer not null,
  text text not null,
  search_text text not null,
  char_start integer not null,
  char_end integer not null,
  content_hash text not null
);
create index chunks_note on chunks (note_id, ordinal);
create index chunks_bm25 on chunks using bm25 (search_text) with (text_config = 'english');

create table embedding_spaces (
  id integer generated always as identity primary key,
  provider text not null,
  model text not null,
  digest text,
  dimensions integer not null check (dimensions between 1 and 2000),
  truncated_from integer,
  query_prefix text not null default '',
  document_prefix text not null default '',
  max_input_chars integer not null,
  state text not null check (state in ('building', 'active', 'retired')),
  created_at timestamptz not null default now(),
  activated_at timestamptz
);
create unique index embedding_spaces_one_active on embedding_spaces ((true)) where state = 'active';

create table chunk_embeddings (
  space_id integer not null references embedding_spaces (id) on delete cascade,
  chunk_id integer not null references chunks (id) on delete cascade,
  embedding vector not null,
  primary key (space_id, chunk_id)
);
create index chunk_embeddings_chunk on chunk_embeddings (chunk_id);

create table embedding_queue (
  space_id integer not null references embedding_spaces (id) on delete cascade,
  chunk_id integer not null references chunks (id) on delete cascade,
  attempts integer not null default 0,
  next_attempt_at timestamptz not null default now(),
  failed_at timestamptz,
  last_error text,
  primary key (space_id, chunk_id)
);
create index embedding_queue_due on embedding_queue (space_id, next_attempt_at) where failed_at is null;
create index embedding_queue_chunk on embedding_queue (chunk_id);

create table settings (
  key text primary key,
  value jsonb not null
);
`;
