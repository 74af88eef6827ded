// Plain, serialisable data of Ask (answers from a local chat model, grounded in the notes): requests, streamed
// events, turns and threads. Shared by core, CLI, main and renderer; no behaviour lives here.
import type { TextRange } from './models';

/** The recall filters a question runs with: the same as search (tags, a time phrase or dates, a source kind). */
export interface AskFilters {
  readonly tags?: readonly string[];
  readonly when?: string;
  readonly from?: string;
  readonly to?: string;
  readonly sourceKind?: string;
  readonly includeForgotten?: boolean;
}

/** A question. `requestId` is chosen by the caller: the streamed events carry it, and stopAsk names it. */
export interface AskRequest {
  readonly requestId: string;
  readonly question: string;
  /** A follow-up in this thread; absent or null starts a new thread. */
  readonly threadId?: number | null;
  /** The chat model for this question; default the chat-model setting (else the first chat model installed). */
  readonly model?: string;
  readonly filters?: AskFilters;
}

/** A passage of a note as the model was given it (numbered `[n]` in the prompt), or a closest note shown instead. */
export interface AskPassage {
  /** The citation number `[n]` (1-based); 0 for a closest note that was not given to a model. */
  readonly number: number;
  readonly noteId: number;
  readonly title: string;
  readonly createdAt: string;
  readonly tags: readonly string[];
  /** The text the model saw (cut to fit when `truncated`). */
  readonly text: string;
  /** Where `text` sits within the note's body: a citation opens the note here. */
  readonly range: TextRange;
  readonly truncated: boolean;
}

/** How the prompt was fitted into the model's context window (token counts are estimates). */
export interface AskPacking {
  /** The context window sent as num_ctx. */
  readonly contextTokens: number;
  /** Room kept for the answer (num_predict). */
  readonly answerTokens: number;
  /** The prompt's estimated size; never more than contextTokens − answerTokens. */
  readonly promptTokens: number;
  readonly passagesGiven: number;
  /** Relevant passages that did not fit. */
  readonly passagesLeftOut: number;
  readonly historyTurnsKept: number;
  /** Earlier turns of the thread left out of the prompt (oldest first). */
  readonly historyTurnsLeftOut: number;
}

/** How a turn ended. `unavailable` turns (no model to answer with) are not stored. */
export type AskTurnState = 'complete' | 'stopped' | 'incomplete' | 'no-relevant-notes' | 'unavailable';

/** Why Ask cannot answer right now, and exactly what to do. */
export interface AskProblem {
  readonly code: 'ollama-unreachable' | 'no-chat-model' | 'model-not-installed' | 'not-a-chat-model' | 'invalid-host' | 'ollama-failed';
  readonly message: string;
  /** A command that fixes it (`ollama serve`, `ollama pull llama3.2`), when there is one. */
  readonly command: string | null;
  /** A model that pulling would provide, when that is the fix. */
  readonly pullModel: string | null;
}

/** Where the time of a turn went, in ms. */
export interface AskTimings {
  /** From the question to the passages packed (recall, note reads, packing). */
  readonly prepareMs: number;
  /** From the question to the first answer piece; null when none came. */
  readonly firstTokenMs: number | null;
  /** The model's own load time as Ollama reported it (ms); null when unknown. */
  readonly loadMs: number | null;
  readonly totalMs: number;
}

/** One question and its answer. */
export interface AskTurn {
  /** null for turns that were not stored (`unavailable`). */
  readonly id: number | null;
  readonly threadId: number | null;
  readonly question: string;
  /** The answer as streamed (what streamed before a stop or a cut stays). */
  readonly answer: string;
  readonly state: AskTurnState;
  readonly model: string | null;
  /** The passages the model was given, numbered as cited. */
  readonly passages: readonly AskPassage[];
  /** When nothing relevant was found, or no model could answer: the closest notes, shown instead of an answer. */
  readonly closest: readonly AskPassage[];
  readonly packing: AskPacking | null;
  /** What the person should know: passages left out, history trimmed, an invented citation, a length cut. */
  readonly notices: readonly string[];
  readonly problem: AskProblem | null;
  /** Why the stream ended early (`incomplete`). */
  readonly error: string | null;
  /** Ollama's done_reason (`stop`, `length`...), when the stream finished. */
  readonly doneReason: string | null;
  /** The note this answer was saved as. */
  readonly savedNoteId: number | null;
  readonly createdAt: string;
  readonly timings: AskTimings;
}

/** A thread in the list. */
export interface AskThreadSummary {
  readonly id: number;
  /** The first question. */
  readonly title: string;
  readonly turnCount: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** A thread with its turns, oldest first. */
export interface AskThread extends AskThreadSummary {
  readonly turns: readonly AskTurn[];
}

/** What a question is doing while no answer piece has arrived. */
export type AskPhase = 'recalling' | 'loading-model' | 'thinking' | 'answering';

/** Events of a running question, in order: status changes, the passages, answer pieces, then done. */
export type AskEvent =
  | { readonly kind: 'status'; readonly requestId: string; readonly phase: AskPhase; readonly model: string | null }
  | { readonly kind: 'passages'; readonly requestId: string; readonly passages: readonly AskPassage[]; readonly packing: AskPacking; readonly notices: readonly string[] }
  | { readonly kind: 'token'; readonly requestId: string; readonly text: string }
  | { readonly kind: 'done'; readonly requestId: string; readonly turn: AskTurn };

/** Ask's settings, stored in the memory. */
export interface AskSettings {
  /** The Ollama chat model; null picks the first chat model installed. */
  readonly chatModel: string | null;
  /** The context window asked of the model (num_ctx), capped by what the model supports. */
  readonly contextTokens: number;
}

/** A pull's progress as the window shows it (see OllamaPullProgress); `value` is 0..1. */
export interface ModelPullEvent {
  readonly model: string;
  readonly status: string;
  readonly value: number;
  readonly completed: number | null;
  readonly total: number | null;
}

/** How a pull ended. */
export interface ModelPullResult {
  readonly outcome: 'success' | 'cancelled';
  readonly model: string;
}
