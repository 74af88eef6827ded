import { EngramError } from '../errors';
import { LATEST_SCHEMA_VERSION, migrations, type Migration } from './migrations';
import type { Database } from './queryable';

async function currentVersion(db: Database): Promise<number> {
  const exists = await db.query<{ present: boolean }>(`select to_regclass('public.schema_migrations') is not null as present`);
  if (!exists.rows[0]?.present) return 0;
  const row = await db.query<{ version: number | null }>('select max(version) as version from schema_migrations');
  return row.rows[0]?.version ?? 0;
}

/**
 * Brings the schema up to date, each migration in its own transaction and recorded in schema_migrations.
 * A database written by a newer Engram is refused before anything is changed. Returns the schema version.
 */
export async function migrate(db: Database, all: readonly Migration[] = migrations): Promise<number> {
  const latest = all.length ? all[all.length - 1]!.version : 0;
  const version = await currentVersion(db);
  if (version > latest) {
    throw new EngramError(
      'SCHEMA_TOO_NEW',
      `This memory was written by a newer version of Engram (schema ${version}; this version knows up to ${latest}). ` +
        'Update Engram to open it. Nothing was changed.',
    );
  }
  for (const migration of all.filter((m) => m.version > version)) {
    await db.transaction(async (tx) => {
      await tx.exec(`create table if not exists schema_migrations (
        version integer primary key, name text not null, applied_at timestamptz not null default now())`);
      await tx.exec(migration.sql);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [migration.version, migration.name]);
    });
  }
  return Math.max(version, latest);
}

export { LATEST_SCHEMA_VERSION };
