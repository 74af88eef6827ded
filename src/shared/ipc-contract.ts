// The one IPC contract: every channel between renderer and main, with its request and response types.
// main, preload and renderer all derive from this module; nothing else names a channel string.
import type {
  AddNoteResult,
  EmbeddingProgress,
  EngramStatus,
  NewNote,
  Note,
  NoteChanges,
  NoteFilter,
  NotePage,
  RecallOptions,
  RecallResult,
  TagCount,
} from './models';

/** Request/response pairs of every invoke channel (renderer asks, main answers). */
export interface InvokeContract {
  'notes:add': { request: NewNote; response: AddNoteResult };
  'notes:update': { request: { readonly id: number; readonly changes: NoteChanges }; response: Note };
  'notes:get': { request: { readonly id: number }; response: Note };
  'notes:list': { request: ListNotesRequest; response: NotePage };
  'notes:forget': { request: { readonly id: number }; response: Note };
  'notes:restore': { request: { readonly id: number }; response: Note };
  'recall:query': { request: RecallRequest; response: RecallResult };
  'status:get': { request: void; response: EngramStatus };
  'tags:list': { request: void; response: readonly TagCount[] };
}

/** Payloads of every event channel (main tells, renderer listens). */
export interface EventContract {
  'jobs:progress': EmbeddingProgress;
  'app:command': AppCommand;
}

/** A listing request: filters plus paging; `forgotten: 'only'` lists the Forgotten view. */
export interface ListNotesRequest extends NoteFilter {
  readonly offset?: number;
  readonly limit?: number;
  readonly forgotten?: 'exclude' | 'include' | 'only';
}

/** A recall request: the query text and its options. */
export interface RecallRequest {
  readonly query: string;
  readonly options?: RecallOptions;
}

/** Commands the app menu sends to the window (the renderer owns what they do). */
export type AppCommand = 'new-note' | 'focus-search' | 'show-recall' | 'show-forgotten' | 'toggle-mode';

/** Every invoke channel name. */
export type InvokeChannel = keyof InvokeContract;
/** Every event channel name. */
export type EventChannel = keyof EventContract;
/** Request type of an invoke channel. */
export type RequestOf<C extends InvokeChannel> = InvokeContract[C]['request'];
/** Response type of an invoke channel. */
export type ResponseOf<C extends InvokeChannel> = InvokeContract[C]['response'];

/** Invoke channel names as values, so wrappers can enumerate them (kept in step with InvokeContract by the type below). */
export const INVOKE_CHANNELS = [
  'notes:add',
  'notes:update',
  'notes:get',
  'notes:list',
  'notes:forget',
  'notes:restore',
  'recall:query',
  'status:get',
  'tags:list',
] as const satisfies readonly InvokeChannel[];

/** Event channel names as values. */
export const EVENT_CHANNELS = ['jobs:progress', 'app:command'] as const satisfies readonly EventChannel[];

// Compile-time check that INVOKE_CHANNELS lists every channel of the contract.
type _AllInvokeListed = Exclude<InvokeChannel, (typeof INVOKE_CHANNELS)[number]> extends never ? true : never;
const _allInvokeListed: _AllInvokeListed = true;
void _allInvokeListed;

/** Stable codes of errors that cross IPC; core codes pass through, plus the transport's own. */
export type IpcErrorCode =
  | 'NOT_FOUND'
  | 'INVALID_INPUT'
  | 'DATA_DIR_LOCKED'
  | 'SCHEMA_TOO_NEW'
  | 'DUPLICATE_CONTENT'
  | 'EMBEDDING_UNAVAILABLE'
  | 'CLOSED'
  | 'INVALID_REQUEST'
  | 'FORBIDDEN_SENDER'
  | 'NOT_READY'
  | 'INTERNAL';

/** A readable error as the renderer receives it. */
export interface IpcError {
  readonly code: IpcErrorCode;
  readonly message: string;
}

/** What every invoke channel actually returns over the wire: a value or a typed error (Errors lose fields over IPC). */
export type IpcResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpcError };
