import type {
  AskEvent,
  AskRequest,
  AskSettings,
  AskThread,
  AskThreadSummary,
  AskTurn,
  ModelPullEvent,
  ModelPullResult,
} from '../../shared/ask-models';
import type { AddNoteResult } from '../../shared/models';

/** Ask and Ollama model pulls, as part of the engine's public surface (EngramApi extends it). */
export interface AskApi {
  /** Answers a question from the notes with a local chat model; events stream through onAskEvent. */
  ask(request: AskRequest): Promise<AskTurn>;
  /** Stops a running question; what streamed is kept. False when it was not running. */
  stopAsk(requestId: string): Promise<boolean>;
  /** Subscribes to the events of every running question; returns the unsubscribe function. */
  onAskEvent(listener: (event: AskEvent) => void): () => void;
  /** Ask threads, most recently used first. */
  listAskThreads(): Promise<AskThreadSummary[]>;
  getAskThread(id: number): Promise<AskThread>;
  deleteAskThread(id: number): Promise<void>;
  /** Saves an answer as a note with links to its sources. */
  saveAskAnswer(turnId: number): Promise<AddNoteResult>;
  getAskSettings(): Promise<AskSettings>;
  /** Changes the chat model (null: automatic) or the context window (null: the default). */
  updateAskSettings(patch: { readonly chatModel?: string | null; readonly contextTokens?: number | null }): Promise<AskSettings>;
  /** Pulls a model (chat or embedding) into the configured Ollama; progress through onPullProgress. */
  pullModel(model: string): Promise<ModelPullResult>;
  /** Cancels the running pull (Ollama keeps the partial download); false when none runs. */
  cancelPull(): Promise<boolean>;
  onPullProgress(listener: (event: ModelPullEvent) => void): () => void;
}
