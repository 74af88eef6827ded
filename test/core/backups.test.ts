// Backups of a memory on a real PGlite: consistent snapshots, the automatic daily one (skipped when nothing changed),
// rotation, restore that keeps the replaced state, a damaged database that names its cause and the newest backup, and
// a restore interrupted half-way.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { listStoredBackups, updateBackupSettings } from '../../src/core/backup/backup-store';
import { recoverInterruptedRestore, restoreBackup } from '../../src/core/backup/restore-backup';
import { openEngram } from '../../src/core/engine/open-engram';
import { tempDir, testSeed } from '../support/temp-engram';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function dataDir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

const DAY = 24 * 60 * 60 * 1000;

describe('backups', { timeout: 240_000 }, () => {
  it('restores a backup, keeping the state it replaces as a backup of its own', async () => {
    const dir = dataDir();
    const engram = await openEngram({ dataDir: dir, seed: testSeed() });
    await engram.addNote({ body: 'Before the backup', tags: ['kept'] });
    const backup = await engram.createBackup();
    expect(backup).toMatchObject({ kind: 'manual', notes: 1 });
    expect(fs.statSync(backup.path).size).toBe(backup.bytes);
    await engram.addNote({ body: 'After the backup' });
    await engram.close();

    const result = await restoreBackup(dir, backup.name);
    expect(result.restored.name).toBe(backup.name);
    expect(result.safetyBackup?.kind).toBe('before-restore');

    const restored = await openEngram({ dataDir: dir });
    expect((await restored.listNotes()).notes.map((n) => n.body)).toEqual(['Before the backup']);
    expect((await restored.recall('backup', { mode: 'keyword' })).results).toHaveLength(1);
    await restored.close();

    // The restore itself can be undone from the backup it made.
    await restoreBackup(dir, result.safetyBackup!.name);
    const undone = await openEngram({ dataDir: dir });
    expect((await undone.listNotes()).notes.map((n) => n.body).sort()).toEqual(['After the backup', 'Before the backup']);
    await undone.close();
  });

  it('refuses to restore while the memory is open, and names what exists for an unknown backup', async () => {
    const dir = dataDir();
    const engram = await openEngram({ dataDir: dir, seed: testSeed(), holder: 'the Engram app' });
    try {
      const backup = await engram.createBackup();
      await expect(restoreBackup(dir, backup.name)).rejects.toMatchObject({ code: 'DATA_DIR_LOCKED' });
      await expect(restoreBackup(dir, 'nope')).rejects.toMatchObject({ code: 'DATA_DIR_LOCKED' });
    } finally {
      await engram.close();
    }
    await expect(restoreBackup(dir, 'nope')).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('the backups are: engram-') });
  });

  it('takes the automatic backup when due and only when something changed, and keeps the last N of a kind', async () => {
    const dir = dataDir();
    const engram = await openEngram({ dataDir: dir, seed: testSeed() });
    try {
      await engram.addNote({ body: 'first' });
      const first = await engram.backups.runIfDue();
      expect(first).toMatchObject({ backup: { kind: 'automatic', notes: 1 } });
      expect(await engram.backups.runIfDue()).toEqual({ skipped: 'not-due' });
      // A day later with nothing changed: no new backup (cheap: one query).
      expect(await engram.backups.runIfDue(Date.now() + DAY)).toEqual({ skipped: 'unchanged' });
      await engram.addNote({ body: 'second' });
      expect(await engram.backups.runIfDue(Date.now() + DAY)).toMatchObject({ backup: { kind: 'automatic', notes: 2 } });

      updateBackupSettings(dir, { keep: 2 });
      for (let i = 0; i < 3; i++) await engram.createBackup();
      const kinds = listStoredBackups(dir).map((b) => b.kind);
      expect(kinds.filter((k) => k === 'manual')).toHaveLength(2);
      expect(kinds.filter((k) => k === 'automatic')).toHaveLength(2);

      await engram.setAutomaticBackups(false);
      await engram.addNote({ body: 'third' });
      expect(await engram.backups.runIfDue(Date.now() + 2 * DAY)).toEqual({ skipped: 'turned-off' });
      expect((await engram.listBackups()).automatic).toBe(false);
    } finally {
      await engram.close();
    }
  });

  it('runs the automatic backup by itself when the memory is opened with autoBackup', async () => {
    const dir = dataDir();
    const seeded = await openEngram({ dataDir: dir, seed: testSeed() });
    await seeded.addNote({ body: 'backed up without asking' });
    await seeded.close();
    const engram = await openEngram({ dataDir: dir, autoBackup: true, autoBackupDelayMs: 0 });
    try {
      await expect.poll(() => listStoredBackups(dir).length, { timeout: 60_000, interval: 200 }).toBe(1);
      expect(listStoredBackups(dir)[0]).toMatchObject({ kind: 'automatic', notes: 1 });
    } finally {
      await engram.close();
    }
  });

  it('names a blanked pg_control and the newest backup when the database cannot open, and a restore brings it back', async () => {
    const dir = dataDir();
    const engram = await openEngram({ dataDir: dir, seed: testSeed() });
    await engram.addNote({ body: 'survives the damage' });
    const backup = await engram.createBackup();
    await engram.close();
    fs.writeFileSync(path.join(dir, 'memory', 'global', 'pg_control'), Buffer.alloc(8192));

    const failure = openEngram({ dataDir: dir });
    await expect(failure).rejects.toMatchObject({ code: 'DATABASE_DAMAGED' });
    const message = ((await failure.catch((e: unknown) => e)) as Error).message;
    expect(message).toContain('its control file (global/pg_control) has been blanked (all zeros)');
    expect(message).toContain(`The newest backup is ${backup.name}`);
    expect(message).toContain(`engram restore-backup ${backup.name}`);
    expect(fs.existsSync(path.join(dir, 'engram.lock'))).toBe(false);

    const result = await restoreBackup(dir, backup.name);
    expect(result.safetyBackup).not.toBeNull(); // the damaged files are kept too
    const restored = await openEngram({ dataDir: dir });
    expect((await restored.listNotes()).notes.map((n) => n.body)).toEqual(['survives the damage']);
    await restored.close();
  });

  it('puts the old database back when a restore was cut off between its two renames', async () => {
    const dir = dataDir();
    const engram = await openEngram({ dataDir: dir, seed: testSeed() });
    await engram.addNote({ body: 'still here' });
    await engram.close();
    fs.renameSync(path.join(dir, 'memory'), path.join(dir, 'memory.replaced'));
    fs.mkdirSync(path.join(dir, 'memory.restoring'));
    recoverInterruptedRestore(dir);
    expect(fs.existsSync(path.join(dir, 'memory.replaced'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'memory.restoring'))).toBe(false);
    const reopened = await openEngram({ dataDir: dir });
    expect((await reopened.listNotes()).notes.map((n) => n.body)).toEqual(['still here']);
    await reopened.close();
  });
});
