// Capture: the quick-add draft (title, markdown body, tags) and saving it.
import { create } from 'zustand';
import { api, messageOf, unwrap } from '../lib/api';
import { parseTags, quotedTitle } from '../lib/format';
import { useNotesStore } from './notes-store';
import { useUiStore } from './ui-store';

interface CaptureState {
  title: string;
  body: string;
  tagsText: string;
  /** A connected folder to save the note into as a new Markdown file, or null (Engram only). */
  folderId: number | null;
  saving: boolean;
  error: string | null;
  setTitle(title: string): void;
  setBody(body: string): void;
  setTagsText(text: string): void;
  setFolderId(id: number | null): void;
  /** Opens the quick-add pane and focuses it. */
  begin(): void;
  /** Saves the draft; resolves true when stored. */
  save(): Promise<boolean>;
  /** Closes the pane; the draft is kept for the next Ctrl/Cmd+N (nothing typed is ever lost). */
  close(): void;
}

const initial = () => ({ title: '', body: '', tagsText: '', saving: false, error: null });
/** Where new notes go is remembered across notes (it is a place, not part of the draft). */
let lastFolderId: number | null = null;
/** Counts begin() calls: a new note begun while the last one was saving keeps its composer on screen. */
let begun = 0;

/** The capture store. */
export const useCaptureStore = create<CaptureState>()((set, get) => ({
  ...initial(),
  folderId: lastFolderId,
  setFolderId: (folderId) => {
    lastFolderId = folderId;
    set({ folderId });
  },
  setTitle: (title) => set({ title }),
  setBody: (body) => set({ body, error: null }),
  setTagsText: (tagsText) => set({ tagsText }),
  begin: () => {
    begun++;
    const ui = useUiStore.getState();
    if (ui.view !== 'recall') ui.setView('recall');
    ui.setPane('compose');
    ui.requestFocus('compose');
  },
  save: async () => {
    const { title, body, tagsText, saving, folderId } = get();
    if (saving) return false;
    if (body.trim() === '') {
      set({ error: 'Write something first: the note is empty.' });
      return false;
    }
    set({ saving: true, error: null });
    const begunAtSave = begun;
    try {
      const tags = parseTags(tagsText);
      const result =
        folderId === null
          ? await unwrap(api().notes.add({ body, ...(title.trim() ? { title: title.trim() } : {}), ...(tags.length ? { tags } : {}) }))
          : {
              duplicate: false,
              note: await unwrap(api().files.createInFolder({ sourceId: folderId, body, ...(title.trim() ? { title: title.trim() } : {}), ...(tags.length ? { tags } : {}) })),
            };
      // clear what was saved; anything typed while it saved stays in the draft
      const now = get();
      set({ saving: false, title: now.title === title ? '' : now.title, body: now.body === body ? '' : now.body, tagsText: now.tagsText === tagsText ? '' : now.tagsText });
      const ui = useUiStore.getState();
      ui.showToast(
        result.duplicate
          ? { kind: 'info', message: 'Already in your memory: nothing new was stored.' }
          : { kind: 'info', message: `Saved ${quotedTitle(result.note.title)}` },
        4000,
      );
      // The saved note is shown (and its row selected once the list has it): the person sees what was stored.
      const notes = useNotesStore.getState();
      notes.changed();
      if (begun === begunAtSave && ui.pane === 'compose') {
        const shown = notes.open(result.note.id); // the composer gives way at once; the note follows when loaded
        // Focus moves now, not once the note has loaded (that would pull it out of a search box the person went on to
        // type in), and to the list, where the saved note's row is selected: single keys there do nothing, while in
        // the note view 'e' edits and Delete forgets.
        ui.requestFocus('list');
        await shown;
      }
      return true;
    } catch (error) {
      set({ saving: false, error: messageOf(error) });
      return false;
    }
  },
  close: () => {
    set({ error: null });
    useUiStore.getState().setPane('empty');
    useUiStore.getState().requestFocus('search');
  },
}));

/** Resets the store (tests). */
export function resetCaptureStore(): void {
  useCaptureStore.setState(initial());
}
