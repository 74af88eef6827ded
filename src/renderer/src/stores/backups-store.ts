// The Backups part of Settings: the list and the automatic setting, backing up now, restoring (with a
// confirmation first), and exporting every note as Markdown.
import { create } from 'zustand';
import type { BackupInfo, BackupOverview, RestoreResult } from '../../../shared/models';
import { api, messageOf, unwrap } from '../lib/api';
import { useNotesStore } from './notes-store';
import { useStatusStore } from './status-store';

/** What the Backups part is doing now. */
export type BackupsBusy = 'create' | 'restore' | 'export' | 'setting' | null;

interface BackupsState {
  overview: BackupOverview | null;
  busy: BackupsBusy;
  error: string | null;
  /** The last thing that finished, for the status line ("Backed up 12 notes."). */
  done: string | null;
  /** The backup the restore confirmation asks about; null when the dialog is closed. */
  confirming: BackupInfo | null;
  load(): Promise<void>;
  create(): Promise<void>;
  setAutomatic(on: boolean): Promise<void>;
  askRestore(backup: BackupInfo | null): void;
  restore(): Promise<RestoreResult | null>;
  exportMarkdown(): Promise<void>;
}

/** The backups store. */
export const useBackupsStore = create<BackupsState>()((set, get) => {
  /** Runs one action at a time, keeping its error for the card. */
  const run = async <T>(busy: Exclude<BackupsBusy, null>, work: () => Promise<T>): Promise<T | null> => {
    if (get().busy) return null;
    set({ busy, error: null, done: null });
    try {
      return await work();
    } catch (error) {
      set({ error: messageOf(error) });
      return null;
    } finally {
      set({ busy: null });
    }
  };
  return {
    overview: null,
    busy: null,
    error: null,
    done: null,
    confirming: null,
    load: async () => {
      try {
        set({ overview: await unwrap(api().backups.list()) });
      } catch (error) {
        set({ error: messageOf(error) });
      }
    },
    create: async () => {
      const backup = await run('create', () => unwrap(api().backups.create()));
      if (!backup) return;
      set({ done: `Backed up ${backup.notes ?? 0} ${backup.notes === 1 ? 'note' : 'notes'}.` });
      await get().load();
    },
    setAutomatic: async (on) => {
      const overview = await run('setting', () => unwrap(api().backups.setAutomatic({ on })));
      if (overview) set({ overview });
    },
    askRestore: (backup) => set({ confirming: backup }),
    restore: async () => {
      const chosen = get().confirming;
      if (!chosen) return null;
      set({ confirming: null });
      const result = await run('restore', () => unwrap(api().backups.restore({ name: chosen.name })));
      if (!result) return null;
      set({
        done: result.safetyBackup
          ? 'Restored. What you had before is kept as a backup at the top of the list.'
          : 'Restored.',
      });
      await get().load();
      await useStatusStore.getState().refresh();
      useNotesStore.getState().changed();
      return result;
    },
    exportMarkdown: async () => {
      const result = await run('export', () => unwrap(api().exports.markdown()));
      if (result) set({ done: `Exported ${result.notes} ${result.notes === 1 ? 'note' : 'notes'} to ${result.dir}.` });
    },
  };
});

/** Resets the store (tests). */
export function resetBackupsStore(): void {
  useBackupsStore.setState({ overview: null, busy: null, error: null, done: null, confirming: null });
}
