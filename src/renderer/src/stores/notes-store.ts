// Notes: the browse list (no search text), the Forgotten list, the open note, and edit / forget / restore.
import { create } from 'zustand';
import type { Note, NoteChanges, TagCount } from '../../../shared/models';
import { api, messageOf, unwrap } from '../lib/api';
import { quotedTitle } from '../lib/format';
import { presetRange } from '../lib/when';
import { useRecallStore } from './recall-store';
import { useStatusStore } from './status-store';
import { useUiStore } from './ui-store';

/** A named set of notes the recent list can be limited to. */
export interface BrowseScope {
  /** A word for the list's heading ("Imported"), and the longer explanation shown on hover. */
  readonly label: string;
  readonly title: string;
  readonly ids: readonly number[];
}

interface NotesState {
  browse: readonly Note[];
  browseTotal: number;
  browseLoaded: boolean;
  forgotten: readonly Note[];
  forgottenLoaded: boolean;
  current: Note | null;
  currentError: string | null;
  knownTags: readonly string[];
  /** Every tag on live notes with its count, most used first. */
  tagCounts: readonly TagCount[];
  /** The recent list shows only these notes (what an import stored, from its report), or every note when null. */
  browseScope: BrowseScope | null;
  /** Shows only the scope's notes in the recent list (null: every note again) and goes there. */
  showScope(scope: BrowseScope | null): void;
  loadTags(): Promise<void>;
  loadBrowse(): Promise<void>;
  loadForgotten(): Promise<void>;
  /** Shows a note in the right-hand pane. */
  open(id: number): Promise<void>;
  /** Re-reads the open note (another process changed it). */
  reload(id: number): Promise<void>;
  update(id: number, changes: NoteChanges): Promise<boolean>;
  /** Soft-deletes a note and offers Undo. */
  forget(id: number): Promise<void>;
  restore(id: number, options?: { quiet?: boolean }): Promise<void>;
  /** Something changed: reload whatever lists are showing and the status. */
  changed(): void;
}

const BROWSE_LIMIT = 1000;

const initial = () => ({
  browse: [] as readonly Note[],
  browseTotal: 0,
  browseLoaded: false,
  browseScope: null,
  forgotten: [] as readonly Note[],
  forgottenLoaded: false,
  current: null,
  currentError: null,
  knownTags: [] as readonly string[],
  tagCounts: [] as readonly TagCount[],
});

function collectTags(notes: readonly Note[], into: readonly string[]): string[] {
  const all = new Set(into);
  for (const n of notes) for (const t of n.tags) all.add(t);
  return [...all].sort((a, b) => a.localeCompare(b));
}

let openSeq = 0;

/** The notes store. */
export const useNotesStore = create<NotesState>()((set, get) => ({
  ...initial(),
  loadBrowse: async () => {
    const { tags, when } = useRecallStore.getState();
    const range = when.trim() ? presetRange(when) : null;
    const scope = get().browseScope;
    try {
      const page = await unwrap(
        api().notes.list({ limit: BROWSE_LIMIT, ...(tags.length ? { tags } : {}), ...(range ?? {}), ...(scope ? { ids: scope.ids } : {}) }),
      );
      if (get().browseScope !== scope) return; // the scope changed meanwhile: its own load answers
      set({
        browse: page.notes,
        browseTotal: page.total,
        browseLoaded: true,
        knownTags: collectTags(page.notes, get().knownTags),
      });
    } catch (error) {
      set({ browseLoaded: true });
      useUiStore.getState().showToast({ kind: 'error', message: `Could not list notes: ${messageOf(error)}` });
    }
  },
  showScope: (browseScope) => {
    set({ browseScope, browse: [], browseTotal: 0, browseLoaded: false });
    const ui = useUiStore.getState();
    if (ui.view !== 'recall') ui.setView('recall');
    if (useRecallStore.getState().query) useRecallStore.getState().setQuery('');
    ui.select(0);
    void get().loadBrowse();
  },
  loadTags: async () => {
    try {
      const tagCounts = await unwrap(api().tags.list());
      set({ tagCounts, knownTags: collectTags([], tagCounts.map((t) => t.tag)) });
    } catch {
      // The sidebar keeps the tags it already knows; listing notes still works.
    }
  },
  loadForgotten: async () => {
    try {
      const page = await unwrap(api().notes.list({ forgotten: 'only', limit: BROWSE_LIMIT }));
      set({ forgotten: page.notes, forgottenLoaded: true });
    } catch (error) {
      set({ forgottenLoaded: true });
      useUiStore.getState().showToast({ kind: 'error', message: `Could not list forgotten notes: ${messageOf(error)}` });
    }
  },
  open: async (id) => {
    const seq = ++openSeq;
    const ui = useUiStore.getState();
    if (ui.pane === 'edit' || ui.pane === 'compose') ui.setPane('note');
    if (get().current?.id === id) {
      ui.setPane('note');
      return;
    }
    try {
      const note = await unwrap(api().notes.get({ id }));
      if (seq !== openSeq) return;
      set({ current: note, currentError: null });
      // a new note begun while this one loaded keeps its composer
      if (useUiStore.getState().pane !== 'compose') useUiStore.getState().setPane('note');
    } catch (error) {
      if (seq !== openSeq) return;
      set({ current: null, currentError: messageOf(error) });
    }
  },
  reload: async (id) => {
    try {
      const note = await unwrap(api().notes.get({ id }));
      if (get().current?.id === id) set({ current: note });
    } catch {
      // Gone or unreadable: keep what is shown; the lists say the rest.
    }
  },
  update: async (id, changes) => {
    try {
      const note = await unwrap(api().notes.update({ id, changes }));
      set({ current: note });
      useUiStore.getState().setPane('note');
      useUiStore.getState().showToast({ kind: 'info', message: 'Changes saved' }, 2500);
      get().changed();
      return true;
    } catch (error) {
      useUiStore.getState().showToast({ kind: 'error', message: messageOf(error) }, 8000);
      return false;
    }
  },
  forget: async (id) => {
    try {
      const note = await unwrap(api().notes.forget({ id }));
      const ui = useUiStore.getState();
      if (get().current?.id === id) {
        set({ current: null });
        ui.setPane('empty');
      }
      ui.showToast(
        {
          kind: 'info',
          message: `Forgot ${quotedTitle(note.title)}`,
          actionLabel: 'Undo',
          action: () => void get().restore(id, { quiet: true }),
        },
        8000,
      );
      get().changed();
      ui.requestFocus('search');
    } catch (error) {
      useUiStore.getState().showToast({ kind: 'error', message: messageOf(error) }, 8000);
    }
  },
  restore: async (id, options = {}) => {
    try {
      const note = await unwrap(api().notes.restore({ id }));
      if (get().current?.id === id) set({ current: note });
      if (!options.quiet) useUiStore.getState().showToast({ kind: 'info', message: `Restored ${quotedTitle(note.title)}` }, 3000);
      get().changed();
    } catch (error) {
      useUiStore.getState().showToast({ kind: 'error', message: messageOf(error) }, 8000);
    }
  },
  changed: () => {
    const { view } = useUiStore.getState();
    if (view === 'forgotten' || get().forgottenLoaded) void get().loadForgotten();
    if (useRecallStore.getState().query.trim() === '') void get().loadBrowse();
    else useRecallStore.getState().refresh();
    void get().loadTags();
    void useStatusStore.getState().refresh();
  },
}));

/** Resets the store (tests). */
export function resetNotesStore(): void {
  openSeq++;
  useNotesStore.setState(initial());
}
