// The app's backups over IPC, with main's EngineHolder and the real core: a memory whose database cannot open
// answers with DATABASE_DAMAGED (naming the backup), still lists its backups, and is restored and reopened from the
// window; a restore of an open memory closes it, swaps the database and opens it again.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngramApi } from '../../src/core/engine/engram-api';
import { openEngram } from '../../src/core/engine/open-engram';
import { createBackupsAccess } from '../../src/main/backups-access';
import { EngineHolder } from '../../src/main/engine-holder';
import { createIpcHandlers } from '../../src/main/ipc-handlers';
import type { BackupInfo } from '../../src/shared/models';
import { tempDir, testSeed } from '../support/temp-engram';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** main's wiring for a data directory: the holder, the handler table, and how many engines opened. */
function appFor(dataDir: string) {
  const opened: EngramApi[] = [];
  const holder = new EngineHolder(
    () => openEngram({ dataDir, holder: 'the Engram app' }),
    (engine) => {
      opened.push(engine);
    },
  );
  const handlers = createIpcHandlers(() => holder.current(), { backups: createBackupsAccess(dataDir, holder), log: () => undefined });
  cleanups.push(() => holder.close());
  return { holder, handlers, opened };
}

async function seeded(): Promise<{ dataDir: string; backup: BackupInfo }> {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const engram = await openEngram({ dataDir: dir, seed: testSeed() });
  await engram.addNote({ body: 'In the backup' });
  const backup = await engram.createBackup();
  await engram.addNote({ body: 'Added after the backup' });
  await engram.close();
  return { dataDir: dir, backup };
}

describe('backups from the window', { timeout: 240_000 }, () => {
  it('restores an open memory: closes it, swaps the database, and opens it again', async () => {
    const { dataDir, backup } = await seeded();
    const app = appFor(dataDir);
    expect(await app.handlers['notes:list']({})).toMatchObject({ ok: true, value: { total: 2 } });

    const restored = await app.handlers['backups:restore']({ name: backup.name });
    expect(restored).toMatchObject({ ok: true, value: { restored: { name: backup.name }, safetyBackup: { kind: 'before-restore' } } });
    expect(await app.handlers['notes:list']({})).toMatchObject({ ok: true, value: { total: 1 } });
    expect(app.opened).toHaveLength(2);
    const listed = await app.handlers['backups:list'](undefined);
    expect(listed.ok && listed.value.backups.map((b) => b.kind).sort()).toEqual(['before-restore', 'manual']);
  });

  it('says why a damaged memory cannot open, still lists its backups, and restores it from the window', async () => {
    const { dataDir, backup } = await seeded();
    fs.writeFileSync(path.join(dataDir, 'memory', 'global', 'pg_control'), Buffer.alloc(8192));
    const app = appFor(dataDir);

    const status = await app.handlers['status:get'](undefined);
    expect(status).toMatchObject({ ok: false, error: { code: 'DATABASE_DAMAGED' } });
    expect(!status.ok && status.error.message).toContain(`The newest backup is ${backup.name}`);
    const listed = await app.handlers['backups:list'](undefined);
    expect(listed).toMatchObject({ ok: true, value: { backups: [{ name: backup.name }] } });
    expect(await app.handlers['backups:restore']({ name: '../../etc/passwd' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });

    expect(await app.handlers['backups:restore']({ name: backup.name })).toMatchObject({ ok: true });
    expect(await app.handlers['notes:list']({})).toMatchObject({ ok: true, value: { total: 1 } });
  });
});
