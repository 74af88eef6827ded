// The import wizard: choose a source, preview what would happen, run with progress (cancellable), show the report.
// Also the interrupted imports found at start, which the user can resume or discard.
import { create } from 'zustand';
import type { ImportJobSummary, ImportPreview, ImportProgress, ImportReport, ImportRequest } from '../../../shared/ipc-contract';
import { api, messageOf, unwrap } from '../lib/api';
import { useNotesStore } from './notes-store';
import { useStatusStore } from './status-store';
import { useUiStore } from './ui-store';

/** Formats the wizard offers ('auto' detects). */
export const IMPORT_FORMATS = ['auto', 'markdown', 'obsidian', 'text', 'html', 'pdf', 'json', 'enex', 'chatgpt'] as const;
export type ImportFormatChoice = (typeof IMPORT_FORMATS)[number];

/** The wizard's steps. */
export type ImportStep = 'choose' | 'preview' | 'running' | 'report';

interface ImportState {
  step: ImportStep;
  path: string;
  format: ImportFormatChoice;
  preview: ImportPreview | null;
  previewing: boolean;
  progress: ImportProgress | null;
  report: ImportReport | null;
  cancelling: boolean;
  error: string | null;
  unfinished: readonly ImportJobSummary[];
  /** Where the report was saved, once it was. */
  savedTo: string | null;
  /** Forget the notes whose files are gone (restorable), as part of the run. */
  forgetMissing: boolean;
  /** The confirmation for forgetting more than a small share of the source is on screen. */
  confirmingForget: boolean;
  setForgetMissing(forget: boolean): void;
  /** Runs the import; asks first when it would forget more than a small share of the source's notes. */
  requestRun(): Promise<void>;
  /** The person confirmed forgetting: run, forgetting them. */
  confirmForget(): Promise<void>;
  /** The person declined: back to the preview, nothing forgotten. */
  cancelForget(): void;
  setPath(path: string): void;
  setFormat(format: ImportFormatChoice): void;
  /** Asks main for a folder or file (a native dialog); keeps the typed path when cancelled. */
  pick(kind: 'folder' | 'file'): Promise<void>;
  makePreview(): Promise<void>;
  run(): Promise<void>;
  cancel(): Promise<void>;
  resume(jobId: number): Promise<void>;
  discard(jobId: number): Promise<void>;
  checkUnfinished(): Promise<void>;
  saveReport(): Promise<void>;
  /** Back to the first step for another import. */
  reset(): void;
  /** Subscribes to import progress; returns the unsubscribe function. */
  listen(): () => void;
}

const initial = () => ({
  step: 'choose' as ImportStep,
  path: '',
  format: 'auto' as ImportFormatChoice,
  preview: null,
  previewing: false,
  progress: null,
  report: null,
  cancelling: false,
  error: null,
  unfinished: [] as readonly ImportJobSummary[],
  savedTo: null,
  forgetMissing: false,
  confirmingForget: false,
});

/** The import store. */
export const useImportStore = create<ImportState>()((set, get) => {
  function request(): ImportRequest {
    return { path: get().path.trim(), format: get().format };
  }
  /** The run's request: with the missing notes forgotten when asked (and `confirmForget` once the person said yes). */
  function runRequest(confirmed: boolean): ImportRequest {
    const forget = get().forgetMissing && (get().preview?.missing.length ?? 0) > 0;
    return forget ? { ...request(), deleteMissing: true, confirmForget: confirmed } : request();
  }
  async function running(call: () => Promise<ImportReport>): Promise<void> {
    set({ step: 'running', progress: null, report: null, error: null, cancelling: false, savedTo: null });
    useUiStore.getState().setView('import');
    try {
      const report = await call();
      set({ report, step: 'report' });
    } catch (error) {
      set({ error: messageOf(error), step: get().preview ? 'preview' : 'choose' });
    } finally {
      set({ cancelling: false });
      useNotesStore.getState().changed();
      void get().checkUnfinished();
      void useStatusStore.getState().refresh();
    }
  }

  return {
    ...initial(),
    setPath: (path) => set({ path, preview: null, error: null, forgetMissing: false }),
    setFormat: (format) => set({ format, preview: null, error: null, forgetMissing: false }),
    setForgetMissing: (forgetMissing) => set({ forgetMissing }),
    requestRun: async () => {
      const preview = get().preview;
      if (get().forgetMissing && preview && preview.missing.length > 0 && preview.forget.action === 'confirm') {
        set({ confirmingForget: true });
        return;
      }
      await running(() => unwrap(api().imports.run(runRequest(false))));
    },
    confirmForget: async () => {
      set({ confirmingForget: false });
      await running(() => unwrap(api().imports.run(runRequest(true))));
    },
    cancelForget: () => set({ confirmingForget: false }),
    pick: async (kind) => {
      try {
        const chosen = await unwrap(api().dialogs.pickSource({ kind }));
        if (chosen) set({ path: chosen, preview: null, error: null, forgetMissing: false });
      } catch (error) {
        set({ error: messageOf(error) });
      }
    },
    makePreview: async () => {
      if (!get().path.trim()) {
        set({ error: 'Choose a folder or file to import first.' });
        return;
      }
      set({ previewing: true, error: null, preview: null });
      try {
        const preview = await unwrap(api().imports.preview(request()));
        set({ preview, step: 'preview' });
      } catch (error) {
        set({ error: messageOf(error) });
      } finally {
        set({ previewing: false });
      }
    },
    run: () => get().requestRun(),
    cancel: async () => {
      set({ cancelling: true });
      try {
        await unwrap(api().imports.cancel());
      } catch (error) {
        set({ error: messageOf(error), cancelling: false });
      }
    },
    resume: async (jobId) => {
      const job = get().unfinished.find((j) => j.jobId === jobId);
      if (job) set({ path: job.path, format: (IMPORT_FORMATS as readonly string[]).includes(job.format) ? (job.format as ImportFormatChoice) : 'auto' });
      await running(() => unwrap(api().imports.resume({ jobId })));
    },
    discard: async (jobId) => {
      try {
        await unwrap(api().imports.discard({ jobId }));
        set({ unfinished: get().unfinished.filter((j) => j.jobId !== jobId) });
      } catch (error) {
        useUiStore.getState().showToast({ kind: 'error', message: messageOf(error) }, 8000);
      }
    },
    checkUnfinished: async () => {
      try {
        set({ unfinished: await unwrap(api().imports.unfinished()) });
      } catch {
        // Not fatal: the list simply stays as it was.
      }
    },
    saveReport: async () => {
      const report = get().report;
      if (!report) return;
      try {
        const name = `engram-import-${report.jobId}-${report.finishedAt.slice(0, 10)}.json`;
        const { path } = await unwrap(api().dialogs.saveReport({ json: JSON.stringify(report, null, 2), suggestedName: name }));
        set({ savedTo: path });
        if (path) useUiStore.getState().showToast({ kind: 'info', message: `Report saved to ${path}` }, 4000);
      } catch (error) {
        useUiStore.getState().showToast({ kind: 'error', message: messageOf(error) }, 8000);
      }
    },
    reset: () => set({ ...initial(), unfinished: get().unfinished }),
    listen: () =>
      api().events.onImportProgress((progress) => {
        const stored = get().progress?.notesStored ?? 0;
        set({ progress });
        // each committed batch changes the count: the status bar follows the import instead of waiting for its poll
        if (progress.notesStored !== stored || progress.phase === 'done') useStatusStore.getState().follow();
      }),
  };
});

/** Resets the store (tests). */
export function resetImportStore(): void {
  useImportStore.setState(initial());
}
