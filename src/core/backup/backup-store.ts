// The backups folder of a data directory: naming, listing, per-kind rotation and its small settings file.
// Plain file-system work with no database, so it also serves a memory that cannot be opened.
import fs from 'node:fs';
import path from 'node:path';
import type { BackupInfo, BackupKind, BackupOverview } from '../../shared/models';
import { EngramError } from '../errors';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../db/data-dir-access';

/** How many backups of each kind are kept unless the settings say otherwise. */
export const DEFAULT_KEEP = 7;
const ARCHIVE_EXTENSION = '.tar.gz';
const MANIFEST_EXTENSION = '.json';
const SETTINGS_FILE = 'settings.json';
const KINDS: readonly BackupKind[] = ['automatic', 'manual', 'before-restore'];

/** What is recorded beside each archive. */
export interface BackupManifest {
  readonly name: string;
  readonly kind: BackupKind;
  readonly createdAt: string;
  readonly notes: number | null;
  /** The memory's change marker when it was taken (see ChangeMarkerRepository); null when unknown. */
  readonly marker: string | null;
}

/** The backups folder's settings, kept as a file so they survive a restore and work while the database cannot open. */
export interface BackupSettings {
  readonly automatic: boolean;
  readonly keep: number;
  /** Why the last automatic backup failed, or null. */
  readonly lastError: string | null;
}

/** The folder holding a data directory's backups. */
export function backupsDir(dataDir: string): string {
  return path.join(dataDir, 'backups');
}

/** Creates the backups folder (private) if missing; returns it. */
export function ensureBackupsDir(dataDir: string): string {
  const dir = backupsDir(dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  return dir;
}

/** A new backup name for this moment and kind (UTC), unique in the folder: `engram-2026-12-02-140305-manual`. */
export function newBackupName(dataDir: string, kind: BackupKind, now = new Date()): string {
  const stamp = now.toISOString().replace(/\.\d+Z$/, '').replace('T', '-').replace(/:/g, '');
  const base = `engram-${stamp}-${kind}`;
  let name = base;
  for (let n = 2; fs.existsSync(archivePath(dataDir, name)); n++) name = `${base}-${n}`;
  return name;
}

/** Where a backup's archive lives. */
export function archivePath(dataDir: string, name: string): string {
  return path.join(backupsDir(dataDir), `${name}${ARCHIVE_EXTENSION}`);
}

/** Records a finished archive's manifest (private file). */
export function writeManifest(dataDir: string, manifest: BackupManifest): void {
  const file = path.join(backupsDir(dataDir), `${manifest.name}${MANIFEST_EXTENSION}`);
  fs.writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
}

function readManifest(dir: string, name: string): BackupManifest | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(dir, `${name}${MANIFEST_EXTENSION}`), 'utf8')) as Partial<BackupManifest>;
    if (typeof parsed.createdAt !== 'string' || !KINDS.includes(parsed.kind as BackupKind)) return null;
    return { name, kind: parsed.kind!, createdAt: parsed.createdAt, notes: parsed.notes ?? null, marker: parsed.marker ?? null };
  } catch {
    return null;
  }
}

/** A listed backup with the marker it was taken at. */
export interface StoredBackup extends BackupInfo {
  readonly marker: string | null;
}

/** Every finished backup, newest first. An archive without a readable manifest is listed as manual, dated by its file. */
export function listStoredBackups(dataDir: string): StoredBackup[] {
  const dir = backupsDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  const backups: StoredBackup[] = [];
  for (const file of fs.readdirSync(dir)) {
    if (!file.endsWith(ARCHIVE_EXTENSION) || file.startsWith('.')) continue;
    const name = file.slice(0, -ARCHIVE_EXTENSION.length);
    const full = path.join(dir, file);
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (!stat?.isFile()) continue;
    const manifest = readManifest(dir, name);
    backups.push({
      name,
      kind: manifest?.kind ?? 'manual',
      createdAt: manifest?.createdAt ?? stat.mtime.toISOString(),
      bytes: stat.size,
      notes: manifest?.notes ?? null,
      path: full,
      marker: manifest?.marker ?? null,
    });
  }
  return backups.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name));
}

/** The public view of a stored backup (without its marker). */
export function publicBackup(backup: StoredBackup): BackupInfo {
  const { marker: _marker, ...info } = backup;
  return info;
}

/** The backup with this name; NOT_FOUND (listing what exists) when there is none. */
export function findBackup(dataDir: string, name: string): StoredBackup {
  const all = listStoredBackups(dataDir);
  const found = all.find((b) => b.name === name.replace(/\.tar\.gz$/, ''));
  if (!found) {
    const known = all.length ? `the backups are: ${all.slice(0, 5).map((b) => b.name).join(', ')}${all.length > 5 ? ', …' : ''}` : 'there are no backups yet';
    throw new EngramError('NOT_FOUND', `There is no backup named ${name} in ${backupsDir(dataDir)}; ${known} (\`engram backups\` lists them).`);
  }
  return found;
}

/** Deletes the oldest backups of a kind beyond `keep`; returns the names removed. */
export function rotateBackups(dataDir: string, kind: BackupKind, keep: number): string[] {
  const old = listStoredBackups(dataDir)
    .filter((b) => b.kind === kind)
    .slice(Math.max(1, keep));
  for (const backup of old) removeBackup(dataDir, backup.name);
  return old.map((b) => b.name);
}

function removeBackup(dataDir: string, name: string): void {
  fs.rmSync(archivePath(dataDir, name), { force: true });
  fs.rmSync(path.join(backupsDir(dataDir), `${name}${MANIFEST_EXTENSION}`), { force: true });
}

/** Removes what an interrupted backup or restore left in the backups folder (partial archives, staging copies). */
export function removeLeftovers(dataDir: string): void {
  const dir = backupsDir(dataDir);
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir)) {
    if (entry.startsWith('.staging-') || entry.endsWith('.partial')) fs.rmSync(path.join(dir, entry), { recursive: true, force: true });
  }
}

/** The backups folder's settings (defaults when the file is missing or unreadable). */
export function readBackupSettings(dataDir: string): BackupSettings {
  const defaults: BackupSettings = { automatic: true, keep: DEFAULT_KEEP, lastError: null };
  try {
    const parsed = JSON.parse(fs.readFileSync(path.join(backupsDir(dataDir), SETTINGS_FILE), 'utf8')) as Partial<BackupSettings>;
    return {
      automatic: typeof parsed.automatic === 'boolean' ? parsed.automatic : defaults.automatic,
      keep: Number.isInteger(parsed.keep) && parsed.keep! > 0 ? parsed.keep! : defaults.keep,
      lastError: typeof parsed.lastError === 'string' ? parsed.lastError : null,
    };
  } catch {
    return defaults;
  }
}

/** Changes the backups folder's settings; returns them. */
export function updateBackupSettings(dataDir: string, patch: Partial<BackupSettings>): BackupSettings {
  const next = { ...readBackupSettings(dataDir), ...patch };
  ensureBackupsDir(dataDir);
  fs.writeFileSync(path.join(backupsDir(dataDir), SETTINGS_FILE), `${JSON.stringify(next, null, 2)}\n`, { mode: PRIVATE_FILE_MODE });
  return next;
}

/** The backups of a data directory and their settings, read from the folder alone (no database needed). */
export function backupOverview(dataDir: string): BackupOverview {
  const settings = readBackupSettings(dataDir);
  return {
    dir: backupsDir(dataDir),
    automatic: settings.automatic,
    keep: settings.keep,
    backups: listStoredBackups(dataDir).map(publicBackup),
    lastError: settings.lastError,
  };
}
