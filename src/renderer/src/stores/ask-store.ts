// Ask: the question box, the open thread and the answer streaming into it, the thread list, the chat model.
import { create } from 'zustand';
import type { OllamaDoctorReport } from '../../../shared/ipc-contract';
import type { AskEvent, AskFilters, AskPacking, AskPassage, AskPhase, AskSettings, AskThread, AskThreadSummary, AskTurn } from '../../../shared/ask-models';
import { api, messageOf, unwrap } from '../lib/api';
import { useNotesStore } from './notes-store';
import { useRecallStore } from './recall-store';
import { useUiStore } from './ui-store';

/** The question being answered now. */
export interface RunningAsk {
  readonly requestId: string;
  readonly question: string;
  readonly phase: AskPhase;
  readonly model: string | null;
  readonly passages: readonly AskPassage[];
  readonly packing: AskPacking | null;
  readonly notices: readonly string[];
  readonly answer: string;
  readonly stopping: boolean;
}

interface AskState {
  /** The box asks instead of searching. */
  active: boolean;
  draft: string;
  /** The open thread (null: a new one starts with the next question). */
  thread: AskThread | null;
  running: RunningAsk | null;
  /** The last question that could not be answered (no model), with what to do; not stored. */
  unavailable: AskTurn | null;
  threads: readonly AskThreadSummary[];
  threadsOpen: boolean;
  settings: AskSettings | null;
  /** Installed chat models (from the Ollama doctor), for the model menu. */
  chatModels: readonly string[];
  /** The passage a citation opened: the note pane shows and highlights it. */
  cited: AskPassage | null;
  error: string | null;
  setActive(active: boolean): void;
  toggle(): void;
  setDraft(draft: string): void;
  /** Asks the draft (a follow-up in the open thread, if any). */
  submit(): Promise<void>;
  /** Asks the last unanswered question again (after Ollama was started or a model pulled). */
  retry(): Promise<void>;
  stop(): Promise<void>;
  newThread(): void;
  openThread(id: number): Promise<void>;
  deleteThread(id: number): Promise<void>;
  loadThreads(): Promise<void>;
  setThreadsOpen(open: boolean): void;
  loadSettings(): Promise<void>;
  setChatModel(model: string | null): Promise<void>;
  save(turnId: number): Promise<void>;
  /** Opens the note of a cited passage in the note pane, at the passage. */
  openCitation(passage: AskPassage): void;
  /** Subscribes to the streamed events; returns the unsubscribe function. */
  listen(): () => void;
}

const initial = () => ({
  active: false,
  draft: '',
  thread: null,
  running: null,
  unavailable: null,
  threads: [] as readonly AskThreadSummary[],
  threadsOpen: false,
  settings: null,
  chatModels: [] as readonly string[],
  cited: null,
  error: null,
});

let requestSeq = 0;

/** The search filters (tags, time) as Ask's recall filters. */
function currentFilters(): AskFilters {
  const { tags, when } = useRecallStore.getState();
  return { ...(tags.length ? { tags } : {}), ...(when.trim() ? { when: when.trim() } : {}) };
}

/** A thread with one more turn (or the turn's new thread). */
function withTurn(thread: AskThread | null, turn: AskTurn): AskThread {
  const now = turn.createdAt;
  if (thread && thread.id === turn.threadId) return { ...thread, turns: [...thread.turns, turn], turnCount: thread.turnCount + 1, updatedAt: now };
  return { id: turn.threadId!, title: turn.question, turnCount: 1, createdAt: now, updatedAt: now, turns: [turn] };
}

/** The ask store. */
export const useAskStore = create<AskState>()((set, get) => {
  function onEvent(event: AskEvent): void {
    const running = get().running;
    if (!running || event.requestId !== running.requestId) return;
    switch (event.kind) {
      case 'status':
        set({ running: { ...running, phase: event.phase, model: event.model ?? running.model } });
        break;
      case 'passages':
        set({ running: { ...running, passages: event.passages, packing: event.packing, notices: event.notices } });
        break;
      case 'token':
        set({ running: { ...running, answer: running.answer + event.text, phase: 'answering' } });
        break;
      case 'done':
        break; // ask() resolves with the same turn
    }
  }

  async function run(question: string, threadId: number | null): Promise<void> {
    const requestId = `ask-${Date.now()}-${++requestSeq}`;
    set({
      running: { requestId, question, phase: 'recalling', model: null, passages: [], packing: null, notices: [], answer: '', stopping: false },
      unavailable: null,
      error: null,
      draft: '',
    });
    try {
      const turn = await unwrap(api().ask.ask({ requestId, question, threadId, filters: currentFilters() }));
      if (turn.state === 'unavailable') {
        set({ unavailable: turn });
        void get().loadSettings(); // the installed chat models may have changed
      }
      else {
        set({ thread: withTurn(get().thread, turn) });
        void get().loadThreads();
      }
    } catch (error) {
      set({ error: messageOf(error), draft: question });
    } finally {
      if (get().running?.requestId === requestId) set({ running: null });
    }
  }

  return {
    ...initial(),
    setActive: (active) => {
      set({ active });
      const ui = useUiStore.getState();
      if (ui.view !== 'recall') ui.setView('recall');
      if (active) {
        void get().loadThreads();
        if (!get().settings) void get().loadSettings();
      }
      ui.requestFocus('search');
    },
    toggle: () => get().setActive(!get().active),
    setDraft: (draft) => set({ draft }),
    submit: async () => {
      const question = get().draft.trim();
      if (!question || get().running) return;
      await run(question, get().thread?.id ?? null);
    },
    retry: async () => {
      const last = get().unavailable;
      if (!last || get().running) return;
      await run(last.question, get().thread?.id ?? null);
    },
    stop: async () => {
      const running = get().running;
      if (!running || running.stopping) return;
      set({ running: { ...running, stopping: true } });
      await unwrap(api().ask.stop({ requestId: running.requestId })).catch(() => false);
    },
    newThread: () => {
      set({ thread: null, unavailable: null, error: null, cited: null, threadsOpen: false });
      useUiStore.getState().requestFocus('search');
    },
    openThread: async (id) => {
      try {
        const thread = await unwrap(api().ask.thread({ id }));
        set({ thread, unavailable: null, error: null, threadsOpen: false });
        useUiStore.getState().requestFocus('search');
      } catch (error) {
        useUiStore.getState().showToast({ kind: 'error', message: messageOf(error) }, 6000);
      }
    },
    deleteThread: async (id) => {
      try {
        await unwrap(api().ask.deleteThread({ id }));
        if (get().thread?.id === id) set({ thread: null });
        set({ threads: get().threads.filter((t) => t.id !== id) });
        useUiStore.getState().showToast({ kind: 'info', message: 'Thread deleted' }, 3000);
      } catch (error) {
        useUiStore.getState().showToast({ kind: 'error', message: messageOf(error) }, 6000);
      }
    },
    loadThreads: async () => {
      try {
        set({ threads: await unwrap(api().ask.threads()) });
      } catch {
        // the list keeps what it had
      }
    },
    setThreadsOpen: (open) => {
      set({ threadsOpen: open });
      if (open) void get().loadThreads();
    },
    loadSettings: async () => {
      try {
        const settings = await unwrap(api().ask.settings());
        set({ settings });
        const doctor: OllamaDoctorReport = await unwrap(api().ollama.doctor({}));
        set({ chatModels: doctor.chatModels.map((m) => m.name.replace(/:latest$/, '')) });
      } catch {
        // Ollama not reachable: the menu offers what is set; asking says what to do
      }
    },
    setChatModel: async (model) => {
      try {
        set({ settings: await unwrap(api().ask.updateSettings({ chatModel: model })) });
      } catch (error) {
        useUiStore.getState().showToast({ kind: 'error', message: messageOf(error) }, 6000);
      }
    },
    save: async (turnId) => {
      try {
        const { note, duplicate } = await unwrap(api().ask.save({ turnId }));
        const thread = get().thread;
        if (thread) set({ thread: { ...thread, turns: thread.turns.map((t) => (t.id === turnId ? { ...t, savedNoteId: note.id } : t)) } });
        useUiStore.getState().showToast(
          { kind: 'info', message: duplicate ? `Already saved as “${note.title}”` : `Saved as a note: “${note.title}”`, actionLabel: 'Open', action: () => void useNotesStore.getState().open(note.id) },
          6000,
        );
        if (!duplicate) useNotesStore.getState().changed();
      } catch (error) {
        useUiStore.getState().showToast({ kind: 'error', message: messageOf(error) }, 6000);
      }
    },
    openCitation: (passage) => {
      set({ cited: passage });
      void useNotesStore
        .getState()
        .open(passage.noteId)
        .then(() => useUiStore.getState().setPane('note'));
    },
    listen: () => api().events.onAskEvent(onEvent),
  };
});

/** Resets the store (tests). */
export function resetAskStore(): void {
  requestSeq++;
  useAskStore.setState(initial());
}
