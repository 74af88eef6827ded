/**
 * Ask: threads of questions answered from the notes by a local chat model. A turn keeps the passages the model was
 * given (so its citations stay checkable when notes change later) and what happened (stopped, cut, nothing relevant).
 * Deleting a thread deletes its turns. Nothing here is ever sent anywhere.
 */
export const askThreads = /* sql */ `
create table ask_threads (
  id integer generated always as identity primary key,
  title text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index ask_threads_recent on ask_threads (updated_at desc);

create table ask_turns (
  id integer generated always as identity primary key,
  thread_id integer not null references ask_threads (id) on delete cascade,
  ordinal integer not null,
  question text not null,
  answer text not null,
  state text not null check (state in ('complete', 'stopped', 'incomplete', 'no-relevant-notes')),
  model text,
  passages jsonb not null default '[]',
  closest jsonb not null default '[]',
  packing jsonb,
  notices jsonb not null default '[]',
  error text,
  done_reason text,
  timings jsonb not null default '{}',
  saved_note_id integer references notes (id) on delete set null,
  created_at timestamptz not null default now(),
  unique (thread_id, ordinal)
);
`;
