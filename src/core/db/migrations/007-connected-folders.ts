/**
 * Connected folders: one row per folder kept in the memory, and the state (size, modification time, inode) of each
 * file last read from it, written in the same transaction as the file's notes so the two never disagree. A file that
 * went away keeps its row with `gone_at` set (its notes were forgotten): when it comes back, or turns up under another
 * name, its notes come back with their ids.
 */
export const connectedFolders = /* sql */ `
create table sources (
  id integer generated always as identity primary key,
  root text not null unique,
  format text not null,
  options jsonb not null default '{}',
  first_pass_done boolean not null default false,
  created_at timestamptz not null default now(),
  last_change_at timestamptz
);

create table source_files (
  source_id integer not null references sources (id) on delete cascade,
  path text not null,
  size bigint not null,
  mtime_ms double precision not null,
  ino text not null default '',
  gone_at timestamptz,
  primary key (source_id, path)
);

-- a file's notes are found by their source path (the file, or file#record): equality and prefix lookups
create index notes_source_path on notes (source_path text_pattern_ops);
`;
