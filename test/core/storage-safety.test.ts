import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../src/core/db/data-dir';
import { migrate } from '../../src/core/db/migrate';
import { openDatabase } from '../../src/core/db/open-database';
import { migrations } from '../../src/core/db/migrations';
import { openEngram } from '../../src/core/engine/open-engram';
import { tempDir, testSeed } from '../support/temp-engram';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function dataDir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

describe('default data directory', () => {
  it("matches Electron's userData for Engram on each OS", () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'win32')).toBe('C:\\Users\\ann\\AppData\\Roaming\\Engram');
    expect(defaultDataDir({}, 'darwin')).toMatch(/\/Library\/Application Support\/Engram$/);
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/ann/.cfg' }, 'linux')).toBe('/home/ann/.cfg/Engram');
    expect(defaultDataDir({}, 'linux')).toMatch(/\/\.config\/Engram$/);
    expect(defaultDataDir({ ENGRAM_DATA_DIR: '/tmp/elsewhere' }, 'linux')).toBe('/tmp/elsewhere');
  });
});

describe('data directory lock', () => {
  it('refuses a second opener with a clear message, and frees the directory on close', async () => {
    const dir = dataDir();
    const first = await openEngram({ dataDir: dir, seed: testSeed(), holder: 'the Engram app' });
    await expect(openEngram({ dataDir: dir })).rejects.toMatchObject({
      code: 'DATA_DIR_LOCKED',
      message: expect.stringMatching(/open in another process \(the Engram app, pid \d+\)/),
    });
    await first.close();
    const second = await openEngram({ dataDir: dir });
    await second.close();
  });

  it('takes over a lock left by a crashed process', async () => {
    const dir = dataDir();
    const deadPid = Number(execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']));
    fs.writeFileSync(path.join(dir, 'engram.lock'), JSON.stringify({ pid: deadPid, host: (await import('node:os')).hostname(), startedAt: '', holder: 'crashed' }));
    const engram = await openEngram({ dataDir: dir, seed: testSeed() });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'engram.lock'), 'utf8')).pid).toBe(process.pid);
    await engram.close();
    expect(fs.existsSync(path.join(dir, 'engram.lock'))).toBe(false);
  });
});

describe('migrations', () => {
  it('records each migration and refuses a newer schema without changing anything', async () => {
    const dir = dataDir();
    const engram = await openEngram({ dataDir: dir, seed: testSeed() });
    await engram.addNote({ body: 'kept safe' });
    expect((await engram.status()).schemaVersion).toBe(migrations.length);
    await engram.close();

    const db = await openDatabase(dir);
    const future = [...migrations, { version: migrations.length + 1, name: 'future', sql: 'create table future_things (id int)' }];
    await migrate(db, future);
    await db.close();

    await expect(openEngram({ dataDir: dir })).rejects.toMatchObject({ code: 'SCHEMA_TOO_NEW', message: expect.stringContaining('newer version of Engram') });
    const check = await openDatabase(dir);
    const applied = await check.query<{ version: number }>('select version from schema_migrations order by version');
    expect(applied.rows.map((r) => r.version)).toEqual(future.map((m) => m.version));
    expect((await check.query('select body from notes')).rows).toEqual([{ body: 'kept safe' }]);
    await check.close();
    expect(fs.existsSync(path.join(dir, 'engram.lock'))).toBe(false);
  });
});
