// The IPC handler table: validates every payload with zod, calls the core, and turns errors into typed, readable ones.
// Plain TypeScript with no `electron` import, so the end-to-end tests drive the very same table over another transport.
import type { EngramApi } from '../core/engine/engram-api';
import { EngramError } from '../core/errors';
import type { IpcError, IpcErrorCode, IpcResult, InvokeChannel, RequestOf, ResponseOf } from '../shared/ipc-contract';
import type { BackupOverview, NotePage, RestoreResult } from '../shared/models';
import { requestSchemas } from './ipc-schemas';

/** One handler per invoke channel: takes the untrusted payload, answers with a value or a typed error (never throws). */
export type IpcHandlerTable = { [C in InvokeChannel]: (payload: unknown) => Promise<IpcResult<ResponseOf<C>>> };

const CORE_CODES: ReadonlySet<string> = new Set<IpcErrorCode>([
  'NOT_FOUND',
  'INVALID_INPUT',
  'DATA_DIR_LOCKED',
  'SCHEMA_TOO_NEW',
  'DUPLICATE_CONTENT',
  'EMBEDDING_UNAVAILABLE',
  'CLOSED',
  'CANCELLED',
  'FILE_CONFLICT',
  'DISK_FULL',
  'NOT_ENOUGH_SPACE',
  'DATABASE_DAMAGED',
  'DATA_DIR_UNUSABLE',
]);

/** Turns anything thrown by the core into an IpcError: user errors keep code and message, bugs become INTERNAL. */
export function toIpcError(error: unknown, log: (message: string, error: unknown) => void = defaultLog): IpcError {
  if (error instanceof Error && error.name === 'EngramError') {
    const code = (error as Error & { code?: unknown }).code;
    if (typeof code === 'string' && CORE_CODES.has(code)) return { code: code as IpcErrorCode, message: error.message };
  }
  log('engram: unexpected error in IPC handler', error);
  return { code: 'INTERNAL', message: 'Something went wrong inside Engram. Details were written to the log.' };
}

function defaultLog(message: string, error: unknown): void {
  console.error(message, error);
}

/** Summarises zod issues as one readable line ("options.limit: Too big: expected number to be <=1000"). */
function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/** Lists notes; `forgotten: 'only'` (the Forgotten view) pages over forgotten notes, newest first. */
async function listNotes(engine: EngramApi, request: RequestOf<'notes:list'>): Promise<NotePage> {
  const { forgotten = 'exclude', offset = 0, limit = 50, ...filter } = request;
  if (forgotten !== 'only') {
    return engine.listNotes({ ...filter, includeForgotten: forgotten === 'include' || filter.includeForgotten, offset, limit });
  }
  return engine.listNotes({ ...filter, onlyForgotten: true, offset, limit });
}

/** Native dialogs main provides (Electron); absent in tests, where the pickers answer null. */
export interface IpcDialogs {
  pickSource(kind: 'folder' | 'file'): Promise<string | null>;
  /** Asks where to save and writes the text; resolves with the path, or null when cancelled. */
  saveText(text: string, suggestedName: string): Promise<string | null>;
  /** Asks for a folder to export the notes into; null when cancelled. */
  pickExportFolder?(): Promise<string | null>;
}

/** The desktop's file actions main provides (Electron's shell); absent in tests, where they do nothing. */
export interface IpcShell {
  /** Opens a file in its default app. */
  openPath(path: string): Promise<void>;
  /** Shows a file in the file manager. */
  showItemInFolder(path: string): void;
}

/**
 * The file of a folder note, or one of its sync-conflict copies, that the window may open or reveal: only a path
 * the engine itself reports for that note (so the window can never make main open an arbitrary path).
 */
async function noteFilePath(engine: EngramApi, noteId: number, requested: string | undefined): Promise<string> {
  const info = await engine.noteFile(noteId);
  if (!info) throw new EngramError('INVALID_INPUT', `Note ${noteId} does not come from a connected folder.`);
  const allowed = [info.path, ...info.conflicts.map((c) => c.path)];
  const target = requested ?? info.path;
  if (!allowed.includes(target)) throw new EngramError('INVALID_INPUT', `${target} is not the file of note ${noteId} in a connected folder.`);
  return target;
}

/**
 * The backups as the window reaches them. Main serves the list and the setting from the backups folder and restores
 * with the memory closed (see backups-access.ts), so a memory that cannot be opened can still be restored; without
 * it, the open engine answers and restoring is refused.
 */
export interface BackupsAccess {
  list(): Promise<BackupOverview>;
  setAutomatic(on: boolean): Promise<BackupOverview>;
  restore(name: string): Promise<RestoreResult>;
}

/** Backups through the engine alone (tests, the harness): restoring needs main's access. */
function engineBackups(engine: () => Promise<EngramApi>): BackupsAccess {
  return {
    list: async () => (await engine()).listBackups(),
    setAutomatic: async (on) => (await engine()).setAutomaticBackups(on),
    restore: async () => {
      throw new EngramError('INVALID_INPUT', 'Restoring a backup needs the app (or `engram restore-backup` with the app closed).');
    },
  };
}

/**
 * Builds the handler table over an engine, a promise of one (while the database is still opening), or a function
 * giving the current one (main reopens the memory after a restore).
 */
export function createIpcHandlers(
  engineOrPromise: EngramApi | Promise<EngramApi> | (() => Promise<EngramApi>),
  options: { log?: (message: string, error: unknown) => void; dialogs?: IpcDialogs; backups?: BackupsAccess; shell?: IpcShell } = {},
): IpcHandlerTable {
  const log = options.log ?? defaultLog;
  const dialogs = options.dialogs;
  const shell = options.shell;
  const fixed = typeof engineOrPromise === 'function' ? null : Promise.resolve(engineOrPromise);
  const currentEngine = typeof engineOrPromise === 'function' ? engineOrPromise : () => fixed!;
  const backups = options.backups ?? engineBackups(currentEngine);

  /** A handler that does not need the memory open (the backups folder, dialogs). */
  function direct<C extends InvokeChannel>(channel: C, run: (request: RequestOf<C>) => Promise<ResponseOf<C>>): (payload: unknown) => Promise<IpcResult<ResponseOf<C>>> {
    const schema = requestSchemas[channel];
    return async (payload) => {
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        return { ok: false, error: { code: 'INVALID_REQUEST', message: `Invalid ${channel} request: ${describeIssues(parsed.error.issues)}` } };
      }
      try {
        return { ok: true, value: await run(parsed.data as RequestOf<C>) };
      } catch (error) {
        return { ok: false, error: toIpcError(error, log) };
      }
    };
  }

  /** A handler that runs against the open memory (its error when the memory could not open). */
  function handler<C extends InvokeChannel>(
    channel: C,
    run: (engine: EngramApi, request: RequestOf<C>) => Promise<ResponseOf<C>>,
  ): (payload: unknown) => Promise<IpcResult<ResponseOf<C>>> {
    return direct(channel, async (request) => run(await currentEngine(), request));
  }

  return {
    'notes:add': handler('notes:add', (engine, note) => engine.addNote(note)),
    'notes:update': handler('notes:update', (engine, { id, changes }) => engine.updateNote(id, changes)),
    'notes:get': handler('notes:get', (engine, { id }) => engine.getNote(id)),
    'notes:list': handler('notes:list', (engine, request) => listNotes(engine, request)),
    'notes:resolveTitles': handler('notes:resolveTitles', (engine, { targets }) => engine.resolveTitles(targets)),
    'notes:links': handler('notes:links', (engine, { id }) => engine.noteLinks(id)),
    'notes:related': handler('notes:related', (engine, { id, limit }) => engine.relatedNotes(id, { limit })),
    'notes:forget': handler('notes:forget', (engine, { id }) => engine.forgetNote(id)),
    'notes:restore': handler('notes:restore', (engine, { id }) => engine.restoreNote(id)),
    'recall:query': handler('recall:query', (engine, request) => engine.recall(request.query, request.options)),
    'status:get': handler('status:get', (engine) => engine.status()),
    'tags:list': handler('tags:list', (engine) => engine.listTags()),
    'ollama:doctor': handler('ollama:doctor', (engine, { model }) => engine.ollamaDoctor(model)),
    'settings:get': handler('settings:get', (engine) => engine.getSettings()),
    'settings:update': handler('settings:update', (engine, patch) =>
      engine.updateSettings(patch.ollamaHost === undefined ? {} : { ollamaHost: patch.ollamaHost?.trim() ? patch.ollamaHost.trim() : null }),
    ),
    'embedding:choose': handler('embedding:choose', (engine, choice) => engine.chooseEmbedding(choice)),
    'reembed:plan': handler('reembed:plan', (engine, choice) => engine.planReembed(choice)),
    'reembed:start': handler('reembed:start', (engine, choice) => engine.startReembed(choice)),
    'reembed:pause': handler('reembed:pause', (engine) => engine.pauseReembed()),
    'reembed:resume': handler('reembed:resume', (engine) => engine.resumeReembed()),
    'reembed:cancel': handler('reembed:cancel', (engine) => engine.cancelReembed()),
    'reembed:undo': handler('reembed:undo', (engine) => engine.undoReembed()),
    'reembed:status': handler('reembed:status', (engine) => engine.reembedStatus()),
    'spaces:list': handler('spaces:list', (engine) => engine.listSpaces()),
    'spaces:purgeRetired': handler('spaces:purgeRetired', (engine) => engine.purgeRetiredSpaces()),
    'import:preview': handler('import:preview', (engine, request) => engine.previewImport(request)),
    'import:run': handler('import:run', (engine, request) => engine.runImport(request)),
    'import:cancel': handler('import:cancel', (engine) => engine.cancelImport()),
    'import:resume': handler('import:resume', (engine, { jobId }) => engine.resumeImport(jobId)),
    'import:unfinished': handler('import:unfinished', (engine) => engine.unfinishedImports()),
    'import:discard': handler('import:discard', async (engine, { jobId }) => {
      await engine.discardImport(jobId);
      return null;
    }),
    'agents:list': handler('agents:list', (engine) => engine.listAgents()),
    'agents:setAccess': handler('agents:setAccess', (engine, { name, access }) => engine.setAgentAccess(name, access)),
    'agents:setDefault': handler('agents:setDefault', (engine, { access }) => engine.setDefaultAgentAccess(access)),
    'dialog:pickSource': handler('dialog:pickSource', async (_engine, { kind }) => (dialogs ? dialogs.pickSource(kind) : null)),
    'dialog:saveReport': handler('dialog:saveReport', async (_engine, { json, suggestedName }) => ({
      path: dialogs ? await dialogs.saveText(json, suggestedName ?? 'engram-import-report.json') : null,
    })),
    'sources:list': handler('sources:list', (engine) => engine.listSources()),
    'sources:preview': handler('sources:preview', (engine, request) => engine.previewSource(request)),
    'sources:add': handler('sources:add', (engine, request) => engine.addSource(request)),
    'sources:remove': handler('sources:remove', (engine, { id, keepNotes }) => engine.removeSource(id, { keepNotes })),
    'sources:sync': handler('sources:sync', (engine, { id, confirmForget }) => engine.syncSources(id, { confirmForget })),
    'notes:file': handler('notes:file', (engine, { id }) => engine.noteFile(id)),
    'notes:beginFileEdit': handler('notes:beginFileEdit', (engine, { id }) => engine.beginFileEdit(id)),
    'notes:saveFile': handler('notes:saveFile', (engine, request) => engine.saveNoteFile(request)),
    'notes:createInFolder': handler('notes:createInFolder', (engine, note) => engine.createFileNote(note)),
    'notes:resolveConflict': handler('notes:resolveConflict', (engine, { id, conflictPath, choice }) => engine.resolveSyncConflict(id, conflictPath, choice)),
    'files:open': handler('files:open', async (engine, { noteId, path }) => {
      const target = await noteFilePath(engine, noteId, path);
      await shell?.openPath(target);
      return null;
    }),
    'files:reveal': handler('files:reveal', async (engine, { noteId, path }) => {
      const target = await noteFilePath(engine, noteId, path);
      shell?.showItemInFolder(target);
      return null;
    }),
    'ask:ask': handler('ask:ask', (engine, request) => engine.ask(request)),
    'ask:stop': handler('ask:stop', (engine, { requestId }) => engine.stopAsk(requestId)),
    'ask:threads': handler('ask:threads', (engine) => engine.listAskThreads()),
    'ask:thread': handler('ask:thread', (engine, { id }) => engine.getAskThread(id)),
    'ask:deleteThread': handler('ask:deleteThread', async (engine, { id }) => {
      await engine.deleteAskThread(id);
      return null;
    }),
    'ask:save': handler('ask:save', (engine, { turnId }) => engine.saveAskAnswer(turnId)),
    'ask:settings': handler('ask:settings', (engine) => engine.getAskSettings()),
    'ask:updateSettings': handler('ask:updateSettings', (engine, patch) => engine.updateAskSettings(patch)),
    'ollama:pull': handler('ollama:pull', (engine, { model }) => engine.pullModel(model)),
    'ollama:cancelPull': handler('ollama:cancelPull', (engine) => engine.cancelPull()),
    'backups:list': direct('backups:list', () => backups.list()),
    'backups:create': handler('backups:create', (engine) => engine.createBackup()),
    'backups:setAutomatic': direct('backups:setAutomatic', ({ on }) => backups.setAutomatic(on)),
    'backups:restore': direct('backups:restore', ({ name }) => backups.restore(name)),
    'export:markdown': handler('export:markdown', async (engine) => {
      const dir = dialogs?.pickExportFolder ? await dialogs.pickExportFolder() : null;
      return dir ? engine.exportMarkdown(dir) : null;
    }),
  };
}
