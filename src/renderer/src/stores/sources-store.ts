// Connected folders: the list with live state, connecting one (preview, then the first pass), sync, confirm, remove;
// and keeping what is on screen current as changes from folders settle.
import { create } from 'zustand';
import type { AddSourceResult, ImportPreview, SourceEvent, SourceSummary } from '../../../shared/ipc-contract';
import { api, messageOf, unwrap } from '../lib/api';
import { useNotesStore } from './notes-store';
import { useUiStore } from './ui-store';

/** Where connecting a folder stands. */
export type ConnectStep = 'idle' | 'previewing' | 'preview' | 'connecting' | 'done';

interface SourcesState {
  sources: readonly SourceSummary[];
  loaded: boolean;
  /** The folder being connected (typed or picked). */
  path: string;
  connectStep: ConnectStep;
  preview: ImportPreview | null;
  result: AddSourceResult | null;
  error: string | null;
  /** Folder ids with a sync or remove running. */
  busy: readonly number[];
  /** Counts settled changes from folders (what shows a folder note's file, such as its conflicts, looks again). */
  settledSeq: number;
  load(): Promise<void>;
  setPath(path: string): void;
  pick(): Promise<void>;
  makePreview(): Promise<void>;
  connect(): Promise<void>;
  resetConnect(): void;
  sync(id: number, confirmForget?: boolean): Promise<void>;
  remove(id: number, keepNotes: boolean): Promise<void>;
  /** Listens to folder events for the window's lifetime; returns the unsubscribe function. */
  listen(): () => void;
}

const initial = () => ({
  sources: [] as readonly SourceSummary[],
  loaded: false,
  path: '',
  connectStep: 'idle' as ConnectStep,
  preview: null,
  result: null,
  error: null,
  busy: [] as readonly number[],
  settledSeq: 0,
});

/** Settled changes are gathered this long before the lists refresh (a burst of files is one refresh). */
const REFRESH_MS = 150;

/** The sources store. */
export const useSourcesStore = create<SourcesState>()((set, get) => {
  const withBusy = async (id: number, work: () => Promise<void>): Promise<void> => {
    set({ busy: [...get().busy, id] });
    try {
      await work();
    } catch (error) {
      useUiStore.getState().showToast({ kind: 'error', message: messageOf(error) }, 8000);
    } finally {
      set({ busy: get().busy.filter((b) => b !== id) });
    }
  };
  return {
    ...initial(),
    load: async () => {
      try {
        set({ sources: await unwrap(api().sources.list()), loaded: true });
      } catch (error) {
        set({ loaded: true });
        useUiStore.getState().showToast({ kind: 'error', message: `Could not list connected folders: ${messageOf(error)}` });
      }
    },
    setPath: (path) => set({ path, error: null, connectStep: get().connectStep === 'done' ? 'idle' : get().connectStep, preview: null }),
    pick: async () => {
      try {
        const picked = await unwrap(api().dialogs.pickSource({ kind: 'folder' }));
        if (picked) {
          set({ path: picked, error: null, preview: null, connectStep: 'idle' });
          await get().makePreview();
        }
      } catch (error) {
        set({ error: messageOf(error) });
      }
    },
    makePreview: async () => {
      const path = get().path.trim();
      if (!path) return;
      set({ connectStep: 'previewing', error: null, preview: null, result: null });
      try {
        const preview = await unwrap(api().sources.preview({ path }));
        if (get().path.trim() === path) set({ preview, connectStep: 'preview' });
      } catch (error) {
        set({ connectStep: 'idle', error: messageOf(error) });
      }
    },
    connect: async () => {
      const path = get().path.trim();
      if (!path) return;
      set({ connectStep: 'connecting', error: null });
      try {
        const result = await unwrap(api().sources.add({ path }));
        set({ result, connectStep: 'done', preview: null });
        await get().load();
        useNotesStore.getState().changed();
      } catch (error) {
        set({ connectStep: get().preview ? 'preview' : 'idle', error: messageOf(error) });
      }
    },
    resetConnect: () => set({ path: '', connectStep: 'idle', preview: null, result: null, error: null }),
    sync: (id, confirmForget = false) =>
      withBusy(id, async () => {
        const [report] = await unwrap(api().sources.sync({ id, confirmForget }));
        await get().load();
        if (report && confirmForget) {
          useUiStore.getState().showToast({ kind: 'info', message: `Forgot ${report.counts.forgotten} ${report.counts.forgotten === 1 ? 'note' : 'notes'} whose files are gone (restorable).` }, 5000);
        }
      }),
    remove: (id, keepNotes) =>
      withBusy(id, async () => {
        const result = await unwrap(api().sources.remove({ id, keepNotes }));
        await get().load();
        useNotesStore.getState().changed();
        useUiStore.getState().showToast(
          {
            kind: 'info',
            message: keepNotes
              ? `Disconnected ${result.source.root}; its ${result.keptNotes} notes stay.`
              : `Disconnected ${result.source.root}; ${result.forgottenNotes} notes forgotten (restorable). The files were not touched.`,
          },
          6000,
        );
      }),
    listen: () => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const touched = new Set<number>();
      const stop = api().events.onSourceEvent((event: SourceEvent) => {
        if (event.type === 'state') {
          const list = get().sources;
          const at = list.findIndex((s) => s.id === event.source.id);
          set({ sources: at < 0 ? [...list, event.source] : list.map((s, i) => (i === at ? event.source : s)) });
          return;
        }
        set({ settledSeq: get().settledSeq + 1 });
        if (event.noteIds.length === 0) return;
        for (const id of event.noteIds) touched.add(id);
        clearTimeout(timer);
        timer = setTimeout(() => {
          const notes = useNotesStore.getState();
          notes.changed(); // results and lists on screen follow the files
          if (notes.current && touched.has(notes.current.id) && useUiStore.getState().pane === 'note') void notes.reload(notes.current.id);
          touched.clear();
          void get().load();
        }, REFRESH_MS);
      });
      return () => {
        clearTimeout(timer);
        stop();
      };
    },
  };
});

/** The connected folder a note's file lies in, or null (any separator: the window does not know the platform). */
export function folderOfNote(note: { readonly source: { readonly path: string | null } }, sources: readonly SourceSummary[]): SourceSummary | null {
  const file = note.source.path;
  if (!file) return null;
  return sources.find((s) => file.length > s.root.length && file.startsWith(s.root) && /[\\/]/.test(file[s.root.length]!)) ?? null;
}

/** Resets the store (tests). */
export function resetSourcesStore(): void {
  useSourcesStore.setState(initial());
}
