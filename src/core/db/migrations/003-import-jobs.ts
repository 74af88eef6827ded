/** Import jobs and the files each has finished, so an interrupted import resumes without duplicates. */
export const importJobs = /* sql */ `
create table import_jobs (
  id integer generated always as identity primary key,
  root text not null,
  format text not null,
  options jsonb not null default '{}',
  state text not null check (state in ('running', 'cancelled', 'completed', 'failed')),
  started_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz,
  report jsonb
);
create index import_jobs_unfinished on import_jobs (root, format) where state in ('running', 'cancelled');

-- one row per source file the job has finished: committed in the same transaction as the file's notes
create table import_job_files (
  job_id integer not null references import_jobs (id) on delete cascade,
  path text not null,
  outcome jsonb not null,
  primary key (job_id, path)
);
`;
