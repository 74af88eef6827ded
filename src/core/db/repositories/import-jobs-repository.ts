import type { Queryable } from '../queryable';

/** The state of an import job: running (or crashed while running), cancelled, completed, failed. */
export type ImportJobState = 'running' | 'cancelled' | 'completed' | 'failed';

/** An import job as stored. */
export interface ImportJobRecord {
  readonly id: number;
  readonly root: string;
  readonly format: string;
  readonly options: Record<string, unknown>;
  readonly state: ImportJobState;
  readonly startedAt: string;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
  readonly filesDone: number;
}

interface JobRow {
  id: number;
  root: string;
  format: string;
  options: Record<string, unknown>;
  state: ImportJobState;
  started_at: Date;
  updated_at: Date;
  finished_at: Date | null;
  files_done: number;
}

const JOB_COLUMNS = `j.id, j.root, j.format, j.options, j.state, j.started_at, j.updated_at, j.finished_at,
  (select count(*)::int from import_job_files f where f.job_id = j.id) as files_done`;

function toJob(row: JobRow): ImportJobRecord {
  return {
    id: row.id,
    root: row.root,
    format: row.format,
    options: row.options,
    state: row.state,
    startedAt: row.started_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    finishedAt: row.finished_at ? row.finished_at.toISOString() : null,
    filesDone: row.files_done,
  };
}

/** All SQL over import_jobs and import_job_files: jobs, and the files each has finished (with their outcomes). */
export class ImportJobsRepository {
  constructor(private readonly db: Queryable) {}

  /** Uses another handle (a transaction) for the same queries. */
  with(db: Queryable): ImportJobsRepository {
    return new ImportJobsRepository(db);
  }

  /** Starts a job. */
  async create(root: string, format: string, options: Record<string, unknown>): Promise<ImportJobRecord> {
    const result = await this.db.query<{ id: number }>(`insert into import_jobs (root, format, options, state) values ($1, $2, $3::jsonb, 'running') returning id`, [
      root,
      format,
      JSON.stringify(options),
    ]);
    return (await this.get(result.rows[0]!.id))!;
  }

  /** A job by id. */
  async get(id: number): Promise<ImportJobRecord | null> {
    const result = await this.db.query<JobRow>(`select ${JOB_COLUMNS} from import_jobs j where j.id = $1`, [id]);
    return result.rows[0] ? toJob(result.rows[0]) : null;
  }

  /** The newest unfinished (running or cancelled) job for this source, if any. */
  async findUnfinished(root: string, format: string): Promise<ImportJobRecord | null> {
    const result = await this.db.query<JobRow>(
      `select ${JOB_COLUMNS} from import_jobs j where j.root = $1 and j.format = $2 and j.state in ('running', 'cancelled') order by j.id desc limit 1`,
      [root, format],
    );
    return result.rows[0] ? toJob(result.rows[0]) : null;
  }

  /** Every unfinished job, newest first. */
  async listUnfinished(): Promise<ImportJobRecord[]> {
    const result = await this.db.query<JobRow>(`select ${JOB_COLUMNS} from import_jobs j where j.state in ('running', 'cancelled') order by j.id desc`);
    return result.rows.map(toJob);
  }

  /** Marks a job running again (a resume). */
  async markRunning(id: number): Promise<void> {
    await this.db.query(`update import_jobs set state = 'running', updated_at = now() where id = $1`, [id]);
  }

  /** Ends a job in a state, with its final report. */
  async finish(id: number, state: Exclude<ImportJobState, 'running'>, report: unknown): Promise<void> {
    await this.db.query(`update import_jobs set state = $2, report = $3::jsonb, updated_at = now(), finished_at = now() where id = $1`, [
      id,
      state,
      JSON.stringify(report),
    ]);
  }

  /** The stored report of a finished job. */
  async report<T>(id: number): Promise<T | null> {
    const result = await this.db.query<{ report: T | null }>('select report from import_jobs where id = $1', [id]);
    return result.rows[0]?.report ?? null;
  }

  /** Deletes a job and its file records (the notes it imported stay). */
  async delete(id: number): Promise<void> {
    await this.db.query('delete from import_jobs where id = $1', [id]);
  }

  /** Records finished files with their outcomes; a file already recorded keeps its first outcome. */
  async recordFiles(jobId: number, files: readonly { path: string; outcome: unknown }[]): Promise<void> {
    if (files.length === 0) return;
    await this.db.query(
      `insert into import_job_files (job_id, path, outcome)
       select $1, p, o::jsonb from unnest($2::text[], $3::text[]) as u(p, o)
       on conflict do nothing`,
      [jobId, files.map((f) => f.path), files.map((f) => JSON.stringify(f.outcome))],
    );
    await this.db.query('update import_jobs set updated_at = now() where id = $1', [jobId]);
  }

  /** Paths of the files a job has finished. */
  async donePaths(jobId: number): Promise<Set<string>> {
    const result = await this.db.query<{ path: string }>('select path from import_job_files where job_id = $1', [jobId]);
    return new Set(result.rows.map((r) => r.path));
  }

  /** Outcomes of the files a job has finished, in the order they were recorded. */
  async outcomes<T>(jobId: number): Promise<T[]> {
    const result = await this.db.query<{ outcome: T }>('select outcome from import_job_files where job_id = $1 order by path', [jobId]);
    return result.rows.map((r) => r.outcome);
  }
}
