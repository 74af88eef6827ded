import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseDir } from '../../src/core/db/data-dir';
import { directorySize } from '../../src/core/db/directory-size';
import type { Engram } from '../../src/core/engine/engram';
import { openTempEngram } from '../support/temp-engram';

const MB = 1024 * 1024;

describe('the write-ahead log on disk', () => {
  let engram: Engram;
  let dataDir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ engram, dataDir, cleanup } = await openTempEngram());
  });
  afterAll(() => cleanup());

  it('is trimmed back after a large write instead of keeping every segment for reuse (Postgres keeps up to 1 GB by default)', async () => {
    const db = engram.database;
    // ~240 MB of incompressible rows, in statements of ~60 MB, as a large import or re-embed writes them
    await db.exec('create table wal_filler (t text); alter table wal_filler alter column t set storage external');
    for (let part = 0; part < 4; part++) {
      await db.query(`insert into wal_filler select repeat(md5((i * 7 + $1)::text), 64) from generate_series(1, 30000) i`, [part]);
    }
    await db.exec('drop table wal_filler; checkpoint');
    const wal = directorySize(path.join(databaseDir(dataDir), 'pg_wal'));
    expect(wal / MB).toBeLessThan(100);
  });
});
