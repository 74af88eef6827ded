// The one IPC contract: every channel between renderer and main, with its request and response types.
// main, preload and renderer all derive from this module; nothing else names a channel string.
import type { OllamaDoctorReport } from '../core/embedding/ollama/ollama-doctor';
import type { ImportJobSummary, ImportPreview, ImportProgress, ImportReport, ImportRequest } from '../core/import/import-models';
import type { AskEvent, AskRequest, AskSettings, AskThread, AskThreadSummary, AskTurn, ModelPullEvent, ModelPullResult } from './ask-models';
import type { NoteLinks, RelatedNotes } from './connection-models';
import type {
  AddSourceRequest,
  AddSourceResult,
  ConflictChoice,
  NewFileNote,
  NoteFileDraft,
  NoteFileInfo,
  RemoveSourceResult,
  SaveNoteFileRequest,
  SaveNoteFileResult,
  SourceEvent,
  SourceSummary,
  SourceSyncReport,
} from '../core/sources/source-models';
import type {
  AddNoteResult,
  AgentAccess,
  AgentList,
  BackupInfo,
  BackupOverview,
  MarkdownExportResult,
  RestoreResult,
  EmbeddingChoice,
  EmbeddingChoiceResult,
  EngramSettings,
  ReembedPlan,
  ReembedStatus,
  SpaceSummary,
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
  'notes:resolveTitles': { request: { readonly targets: readonly string[] }; response: Record<string, number> };
  'notes:links': { request: { readonly id: number }; response: NoteLinks };
  'notes:related': { request: { readonly id: number; readonly limit?: number }; response: RelatedNotes };
  'notes:forget': { request: { readonly id: number }; response: Note };
  'notes:restore': { request: { readonly id: number }; response: Note };
  'recall:query': { request: RecallRequest; response: RecallResult };
  'status:get': { request: void; response: EngramStatus };
  'tags:list': { request: void; response: readonly TagCount[] };
  'ollama:doctor': { request: { readonly model?: string }; response: OllamaDoctorReport };
  'settings:get': { request: void; response: EngramSettings };
  'settings:update': { request: Partial<EngramSettings>; response: EngramSettings };
  'embedding:choose': { request: EmbeddingChoice; response: EmbeddingChoiceResult };
  'reembed:plan': { request: EmbeddingChoice; response: ReembedPlan };
  'reembed:start': { request: EmbeddingChoice; response: ReembedPlan };
  'reembed:pause': { request: void; response: ReembedStatus };
  'reembed:resume': { request: void; response: ReembedStatus };
  'reembed:cancel': { request: void; response: ReembedStatus };
  'reembed:undo': { request: void; response: ReembedStatus };
  'reembed:status': { request: void; response: ReembedStatus };
  'spaces:list': { request: void; response: readonly SpaceSummary[] };
  'spaces:purgeRetired': { request: void; response: { readonly spaces: number; readonly reclaimedBytes: number } };
  'import:preview': { request: ImportRequest; response: ImportPreview };
  'import:run': { request: ImportRequest; response: ImportReport };
  'import:cancel': { request: void; response: boolean };
  'import:resume': { request: { readonly jobId: number }; response: ImportReport };
  'import:unfinished': { request: void; response: readonly ImportJobSummary[] };
  'import:discard': { request: { readonly jobId: number }; response: null };
  'agents:list': { request: void; response: AgentList };
  'agents:setAccess': { request: { readonly name: string; readonly access: AgentAccess | null }; response: AgentList };
  'agents:setDefault': { request: { readonly access: AgentAccess }; response: AgentList };
  /** Asks main for a source to import (a native open dialog); null when cancelled or unavailable. */
  'dialog:pickSource': { request: { readonly kind: 'folder' | 'file' }; response: string | null };
  /** Saves an import report (JSON text) through a native save dialog; null path when cancelled or unavailable. */
  'dialog:saveReport': { request: { readonly json: string; readonly suggestedName?: string }; response: { readonly path: string | null } };
  'sources:list': { request: void; response: readonly SourceSummary[] };
  'sources:preview': { request: AddSourceRequest; response: ImportPreview };
  'sources:add': { request: AddSourceRequest; response: AddSourceResult };
  'sources:remove': { request: { readonly id: number; readonly keepNotes?: boolean }; response: RemoveSourceResult };
  'sources:sync': { request: { readonly id?: number; readonly confirmForget?: boolean }; response: readonly SourceSyncReport[] };
  /** The file a note comes from (null when it is not from a connected folder), with its sync conflicts. */
  'notes:file': { request: { readonly id: number }; response: NoteFileInfo | null };
  'notes:beginFileEdit': { request: { readonly id: number }; response: NoteFileDraft };
  'notes:saveFile': { request: SaveNoteFileRequest; response: SaveNoteFileResult };
  'notes:createInFolder': { request: NewFileNote; response: Note };
  'notes:resolveConflict': { request: { readonly id: number; readonly conflictPath: string; readonly choice: ConflictChoice }; response: Note };
  /** Opens a folder note's file (or one of its sync-conflict copies) in the default app; main checks it is that note's. */
  'files:open': { request: { readonly noteId: number; readonly path?: string }; response: null };
  /** Shows a folder note's file in the file manager. */
  'files:reveal': { request: { readonly noteId: number; readonly path?: string }; response: null };
  /** Asks a question; resolves when the answer is finished (its pieces stream on 'ask:event'). */
  'ask:ask': { request: AskRequest; response: AskTurn };
  'ask:stop': { request: { readonly requestId: string }; response: boolean };
  'ask:threads': { request: void; response: readonly AskThreadSummary[] };
  'ask:thread': { request: { readonly id: number }; response: AskThread };
  'ask:deleteThread': { request: { readonly id: number }; response: null };
  'ask:save': { request: { readonly turnId: number }; response: AddNoteResult };
  'ask:settings': { request: void; response: AskSettings };
  'ask:updateSettings': { request: { readonly chatModel?: string | null; readonly contextTokens?: number | null }; response: AskSettings };
  /** Pulls a model into Ollama; progress on 'ollama:pullProgress'. */
  'ollama:pull': { request: { readonly model: string }; response: ModelPullResult };
  'ollama:cancelPull': { request: void; response: boolean };
  /** The backups and their settings (works even when the memory could not be opened). */
  'backups:list': { request: void; response: BackupOverview };
  'backups:create': { request: void; response: BackupInfo };
  'backups:setAutomatic': { request: { readonly on: boolean }; response: BackupOverview };
  /** Closes the memory, restores the backup (keeping the current state as one), and opens it again. */
  'backups:restore': { request: { readonly name: string }; response: RestoreResult };
  /** Asks for a folder (native dialog) and writes every note there as Markdown; null when cancelled. */
  'export:markdown': { request: void; response: MarkdownExportResult | null };
}

/** Payloads of every event channel (main tells, renderer listens). */
export interface EventContract {
  'jobs:progress': EmbeddingProgress;
  'app:command': AppCommand;
  'import:progress': ImportProgress;
  /** Another process (an agent over MCP) wrote a note: the window refreshes its lists. */
  'notes:changed': NotesChangedEvent;
  /** A connected folder changed state, or a change from it settled in the memory. */
  'sources:event': SourceEvent;
  /** A running question's status, passages, answer pieces and end. */
  'ask:event': AskEvent;
  'ollama:pullProgress': ModelPullEvent;
  /** An agent connected, or access was changed from outside the window (`engram agents`): reload the agents. */
  'agents:changed': null;
}

/** What an agent's write touched. */
export interface NotesChangedEvent {
  readonly method: string;
  readonly noteId: number | null;
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
export type AppCommand = 'new-note' | 'focus-search' | 'show-recall' | 'show-forgotten' | 'show-import' | 'show-settings' | 'toggle-mode';

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
  'notes:resolveTitles',
  'notes:links',
  'notes:related',
  'notes:forget',
  'notes:restore',
  'recall:query',
  'status:get',
  'tags:list',
  'ollama:doctor',
  'settings:get',
  'settings:update',
  'embedding:choose',
  'reembed:plan',
  'reembed:start',
  'reembed:pause',
  'reembed:resume',
  'reembed:cancel',
  'reembed:undo',
  'reembed:status',
  'spaces:list',
  'spaces:purgeRetired',
  'import:preview',
  'import:run',
  'import:cancel',
  'import:resume',
  'import:unfinished',
  'import:discard',
  'agents:list',
  'agents:setAccess',
  'agents:setDefault',
  'dialog:pickSource',
  'dialog:saveReport',
  'sources:list',
  'sources:preview',
  'sources:add',
  'sources:remove',
  'sources:sync',
  'notes:file',
  'notes:beginFileEdit',
  'notes:saveFile',
  'notes:createInFolder',
  'notes:resolveConflict',
  'files:open',
  'files:reveal',
  'ask:ask',
  'ask:stop',
  'ask:threads',
  'ask:thread',
  'ask:deleteThread',
  'ask:save',
  'ask:settings',
  'ask:updateSettings',
  'ollama:pull',
  'ollama:cancelPull',
  'backups:list',
  'backups:create',
  'backups:setAutomatic',
  'backups:restore',
  'export:markdown',
] as const satisfies readonly InvokeChannel[];

/** Event channel names as values. */
export const EVENT_CHANNELS = ['jobs:progress', 'app:command', 'import:progress', 'notes:changed', 'sources:event', 'agents:changed', 'ask:event', 'ollama:pullProgress'] as const satisfies readonly EventChannel[];

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
  | 'CANCELLED'
  | 'INVALID_REQUEST'
  | 'FORBIDDEN_SENDER'
  | 'NOT_READY'
  | 'INTERNAL'
  | 'FILE_CONFLICT'
  | 'DISK_FULL'
  | 'NOT_ENOUGH_SPACE'
  | 'DATABASE_DAMAGED'
  | 'DATA_DIR_UNUSABLE';

export type { ImportJobSummary, ImportPreview, ImportProgress, ImportReport, ImportRequest, OllamaDoctorReport };
export type { AddSourceResult, NoteFileDraft, NoteFileInfo, SaveNoteFileResult, SourceEvent, SourceSummary, SourceSyncReport };

/** A readable error as the renderer receives it. */
export interface IpcError {
  readonly code: IpcErrorCode;
  readonly message: string;
}

/** What every invoke channel actually returns over the wire: a value or a typed error (Errors lose fields over IPC). */
export type IpcResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpcError };
