// Backups of an open memory: a consistent snapshot packed into the backups folder, skipped when nothing changed,
// rotated per kind; and the daily automatic one.
import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfo, BackupKind, BackupOverview } from '../../shared/models';
import { databaseDir } from '../db/data-dir';
import { ensureFreeSpace } from '../db/free-space';
import { directorySize } from '../db/directory-size';
import { makeTreePrivate } from '../db/private-files';
import type { Database } from '../db/queryable';
import { ChangeMarkerRepository } from '../db/repositories/change-marker-repository';
import {
  archivePath,
  ensureBackupsDir,
  listStoredBackups,
  newBackupName,
  publicBackup,
  backupOverview,
  readBackupSettings,
  removeLeftovers,
  rotateBackups,
  updateBackupSettings,
  writeManifest,
} from './backup-store';
import { snapshotDatabase, type SnapshotCost } from './database-snapshot';
import { packDirectory } from './tar-archive';

/** How often an automatic backup is taken while the memory stays open. */
export const AUTOMATIC_BACKUP_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** What the backup service needs: the open database and its data directory. */
export interface BackupServiceDeps {
  readonly db: Database;
  readonly dataDir: string;
  /** Awaited right before the copy: lets calls someone is waiting on (recall, the window) finish first. */
  readonly beforeSnapshot?: () => Promise<void>;
  /** Called with what each snapshot cost (the engine thread is held while the files are copied). */
  readonly onSnapshot?: (cost: SnapshotCost) => void;
}

/** The outcome of one backup attempt: the new backup, or why none was needed. */
export type BackupOutcome = { readonly backup: BackupInfo } | { readonly skipped: 'unchanged' | 'not-due' | 'turned-off' };

/**
 * Takes backups of an open memory. A backup copies the database folder in one synchronous step (see
 * snapshotDatabase), then packs the copy into `backups/NAME.tar.gz` off the engine thread, so recall waits only for
 * the copy. One backup runs at a time.
 */
export class BackupService {
  private readonly markers: ChangeMarkerRepository;
  private running: Promise<BackupOutcome> | null = null;

  constructor(private readonly deps: BackupServiceDeps) {
    this.markers = new ChangeMarkerRepository(deps.db);
  }

  /** Backs up now (a person asked): always makes a new backup. */
  async create(kind: BackupKind = 'manual'): Promise<BackupInfo> {
    const outcome = await this.exclusive(() => this.take(kind, false));
    if ('backup' in outcome) return outcome.backup;
    throw new Error(`backup skipped: ${outcome.skipped}`); // not reached: a forced backup is never skipped
  }

  /**
   * The daily automatic backup: taken when automatic backups are on, the newest automatic one is older than a day
   * (or there is none), and the memory changed since the newest backup of any kind. A failure is recorded for the
   * Backups screen and raised.
   */
  async runIfDue(now = Date.now()): Promise<BackupOutcome> {
    const settings = readBackupSettings(this.deps.dataDir);
    if (!settings.automatic) return { skipped: 'turned-off' };
    const newestAutomatic = listStoredBackups(this.deps.dataDir).find((b) => b.kind === 'automatic');
    if (newestAutomatic && now - Date.parse(newestAutomatic.createdAt) < AUTOMATIC_BACKUP_INTERVAL_MS) return { skipped: 'not-due' };
    try {
      const outcome = await this.exclusive(() => this.take('automatic', true));
      if (settings.lastError) updateBackupSettings(this.deps.dataDir, { lastError: null });
      return outcome;
    } catch (error) {
      updateBackupSettings(this.deps.dataDir, { lastError: error instanceof Error ? error.message : String(error) });
      throw error;
    }
  }

  /** The backups, newest first, with the settings. */
  overview(): BackupOverview {
    return backupOverview(this.deps.dataDir);
  }

  /** Turns automatic daily backups on or off. */
  setAutomatic(on: boolean): BackupOverview {
    updateBackupSettings(this.deps.dataDir, { automatic: on, lastError: null });
    return this.overview();
  }

  /** Waits for a backup in progress (before the database closes). */
  async settle(): Promise<void> {
    await this.running?.catch(() => undefined);
  }

  private async take(kind: BackupKind, onlyIfChanged: boolean): Promise<BackupOutcome> {
    const { dataDir } = this.deps;
    const { marker, liveNotes } = await this.markers.current();
    if (onlyIfChanged && listStoredBackups(dataDir)[0]?.marker === marker) return { skipped: 'unchanged' };
    const dir = ensureBackupsDir(dataDir);
    removeLeftovers(dataDir);
    const source = databaseDir(dataDir);
    // The copy and the archive together can take up to twice the database for a moment.
    ensureFreeSpace(dir, 2 * directorySize(source), 'Backing up the memory');
    const name = newBackupName(dataDir, kind);
    const staging = path.join(dir, `.staging-${name}`);
    const partial = `${archivePath(dataDir, name)}.partial`;
    try {
      await this.deps.beforeSnapshot?.();
      const cost = snapshotDatabase(source, staging);
      this.deps.onSnapshot?.(cost);
      await packDirectory(staging, partial);
      fs.renameSync(partial, archivePath(dataDir, name));
      writeManifest(dataDir, { name, kind, createdAt: new Date().toISOString(), notes: liveNotes, marker });
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
      fs.rmSync(partial, { force: true });
    }
    makeTreePrivate(dir);
    rotateBackups(dataDir, kind, readBackupSettings(dataDir).keep);
    const backup = listStoredBackups(dataDir).find((b) => b.name === name)!;
    return { backup: publicBackup(backup) };
  }

  private async exclusive(work: () => Promise<BackupOutcome>): Promise<BackupOutcome> {
    while (this.running) await this.running.catch(() => undefined);
    const run = work();
    this.running = run;
    try {
      return await run;
    } finally {
      this.running = null;
    }
  }
}
