import type { EmbeddingProgress } from '../../shared/models';
import type { AskEvent, ModelPullEvent } from '../../shared/ask-models';
import type { ImportProgress } from '../import/import-models';
import type { SourceEvent } from '../sources/source-models';
import type { EngramApi } from './engram-api';

/** EngramApi methods callable across the worker boundary. */
export type RemoteMethod = Exclude<keyof EngramApi, 'onProgress' | 'onImportProgress' | 'onSourceEvent' | 'onAskEvent' | 'onPullProgress'>;

/** The plain request/response methods (not close, not event subscriptions), shared by every transport. */
export type CallMethod = Exclude<RemoteMethod, 'close'>;

/** Every call method, as a record so the compiler fails when the API grows and this list does not. */
export const CALL_METHOD_SET: Record<CallMethod, true> = {
  addNote: true,
  updateNote: true,
  getNote: true,
  listNotes: true,
  resolveTitles: true,
  noteLinks: true,
  relatedNotes: true,
  forgetNote: true,
  restoreNote: true,
  purgeNote: true,
  recall: true,
  status: true,
  drainQueue: true,
  getSettings: true,
  updateSettings: true,
  chooseEmbedding: true,
  ollamaDoctor: true,
  retryFailedEmbeddings: true,
  planReembed: true,
  startReembed: true,
  pauseReembed: true,
  resumeReembed: true,
  cancelReembed: true,
  undoReembed: true,
  reembedStatus: true,
  listSpaces: true,
  purgeRetiredSpaces: true,
  listTags: true,
  listAgents: true,
  setAgentAccess: true,
  setDefaultAgentAccess: true,
  agentAccess: true,
  previewImport: true,
  runImport: true,
  cancelImport: true,
  resumeImport: true,
  unfinishedImports: true,
  discardImport: true,
  listSources: true,
  previewSource: true,
  addSource: true,
  removeSource: true,
  syncSources: true,
  noteFile: true,
  beginFileEdit: true,
  saveNoteFile: true,
  createFileNote: true,
  resolveSyncConflict: true,
  ask: true,
  stopAsk: true,
  listAskThreads: true,
  getAskThread: true,
  deleteAskThread: true,
  saveAskAnswer: true,
  getAskSettings: true,
  updateAskSettings: true,
  pullModel: true,
  cancelPull: true,
  createBackup: true,
  listBackups: true,
  setAutomaticBackups: true,
  exportMarkdown: true,
};

/** The call methods as a list. */
export const CALL_METHODS = Object.keys(CALL_METHOD_SET) as CallMethod[];

/** A call from the client to the engine worker. */
export interface CallMessage {
  readonly type: 'call';
  readonly id: number;
  readonly method: RemoteMethod;
  readonly args: unknown[];
}

/** An error as it crosses the boundary; EngramErrors keep their code. */
export interface SerialisedError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly stack?: string;
}

/** Messages from the engine worker to its client. */
export type WorkerMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'open-failed'; readonly error: SerialisedError }
  | { readonly type: 'result'; readonly id: number; readonly value: unknown }
  | { readonly type: 'error'; readonly id: number; readonly error: SerialisedError }
  | { readonly type: 'progress'; readonly progress: EmbeddingProgress }
  | { readonly type: 'import-progress'; readonly progress: ImportProgress }
  | { readonly type: 'source-event'; readonly event: SourceEvent }
  | { readonly type: 'ask-event'; readonly event: AskEvent }
  | { readonly type: 'pull-progress'; readonly event: ModelPullEvent };

/** Flattens an error for postMessage. */
export function serialiseError(error: unknown): SerialisedError {
  if (error instanceof Error) {
    return { name: error.name, message: error.message, code: (error as { code?: string }).code, stack: error.stack };
  }
  return { name: 'Error', message: String(error) };
}
