// The window.api object: one narrow function per invoke channel and one subscription per event channel.
// Written against a tiny transport so the preload (ipcRenderer) and the end-to-end harness share this exact code.
import type { EventChannel, EventContract, IpcResult, InvokeChannel, RequestOf, ResponseOf } from '../shared/ipc-contract';

/** What the api needs from the process boundary: ask main something, and listen to what main tells. */
export interface ApiTransport {
  invoke(channel: InvokeChannel, payload: unknown): Promise<unknown>;
  /** Subscribes to an event channel; returns the unsubscribe function. */
  on(channel: EventChannel, listener: (payload: unknown) => void): () => void;
}

/** Builds window.api over a transport. Every call resolves to an IpcResult; nothing throws across the bridge. */
export function createApi(transport: ApiTransport) {
  const call =
    <C extends InvokeChannel>(channel: C) =>
    (request: RequestOf<C>): Promise<IpcResult<ResponseOf<C>>> =>
      transport.invoke(channel, request) as Promise<IpcResult<ResponseOf<C>>>;
  const ask =
    <C extends InvokeChannel>(channel: C) =>
    (): Promise<IpcResult<ResponseOf<C>>> =>
      transport.invoke(channel, undefined) as Promise<IpcResult<ResponseOf<C>>>;
  const subscribe =
    <C extends EventChannel>(channel: C) =>
    (listener: (payload: EventContract[C]) => void): (() => void) =>
      transport.on(channel, (payload) => listener(payload as EventContract[C]));

  return {
    notes: {
      add: call('notes:add'),
      update: call('notes:update'),
      get: call('notes:get'),
      list: call('notes:list'),
      resolveTitles: call('notes:resolveTitles'),
      links: call('notes:links'),
      related: call('notes:related'),
      forget: call('notes:forget'),
      restore: call('notes:restore'),
    },
    recall: {
      query: call('recall:query'),
    },
    status: {
      get: (): Promise<IpcResult<ResponseOf<'status:get'>>> =>
        transport.invoke('status:get', undefined) as Promise<IpcResult<ResponseOf<'status:get'>>>,
    },
    tags: {
      list: (): Promise<IpcResult<ResponseOf<'tags:list'>>> =>
        transport.invoke('tags:list', undefined) as Promise<IpcResult<ResponseOf<'tags:list'>>>,
    },
    ollama: {
      doctor: call('ollama:doctor'),
    },
    settings: {
      get: ask('settings:get'),
      update: call('settings:update'),
    },
    embedding: {
      choose: call('embedding:choose'),
    },
    reembed: {
      plan: call('reembed:plan'),
      start: call('reembed:start'),
      pause: ask('reembed:pause'),
      resume: ask('reembed:resume'),
      cancel: ask('reembed:cancel'),
      undo: ask('reembed:undo'),
      status: ask('reembed:status'),
    },
    spaces: {
      list: ask('spaces:list'),
      purgeRetired: ask('spaces:purgeRetired'),
    },
    imports: {
      preview: call('import:preview'),
      run: call('import:run'),
      cancel: ask('import:cancel'),
      resume: call('import:resume'),
      unfinished: ask('import:unfinished'),
      discard: call('import:discard'),
    },
    agents: {
      list: ask('agents:list'),
      setAccess: call('agents:setAccess'),
      setDefault: call('agents:setDefault'),
    },
    dialogs: {
      pickSource: call('dialog:pickSource'),
      saveReport: call('dialog:saveReport'),
    },
    sources: {
      list: ask('sources:list'),
      preview: call('sources:preview'),
      add: call('sources:add'),
      remove: call('sources:remove'),
      sync: call('sources:sync'),
    },
    files: {
      info: call('notes:file'),
      beginEdit: call('notes:beginFileEdit'),
      save: call('notes:saveFile'),
      createInFolder: call('notes:createInFolder'),
      resolveConflict: call('notes:resolveConflict'),
      open: call('files:open'),
      reveal: call('files:reveal'),
    },
    ask: {
      ask: call('ask:ask'),
      stop: call('ask:stop'),
      threads: ask('ask:threads'),
      thread: call('ask:thread'),
      deleteThread: call('ask:deleteThread'),
      save: call('ask:save'),
      settings: ask('ask:settings'),
      updateSettings: call('ask:updateSettings'),
    },
    models: {
      pull: call('ollama:pull'),
      cancelPull: ask('ollama:cancelPull'),
    },
    backups: {
      list: ask('backups:list'),
      create: ask('backups:create'),
      setAutomatic: call('backups:setAutomatic'),
      restore: call('backups:restore'),
    },
    exports: {
      markdown: ask('export:markdown'),
    },
    events: {
      onProgress: subscribe('jobs:progress'),
      onCommand: subscribe('app:command'),
      onImportProgress: subscribe('import:progress'),
      onNotesChanged: subscribe('notes:changed'),
      onSourceEvent: subscribe('sources:event'),
      onAskEvent: subscribe('ask:event'),
      onPullProgress: subscribe('ollama:pullProgress'),
      onAgentsChanged: subscribe('agents:changed'),
    },
    platform: detectPlatform(),
  };
}

/** The platform, for shortcut labels (Cmd on macOS, Ctrl elsewhere). */
function detectPlatform(): 'mac' | 'windows' | 'linux' {
  const ua = typeof navigator === 'undefined' ? '' : navigator.userAgent;
  if (/Mac OS X|Macintosh/.test(ua)) return 'mac';
  if (/Windows/.test(ua)) return 'windows';
  return 'linux';
}

/** The type of window.api, derived from the object itself. */
export type EngramWindowApi = ReturnType<typeof createApi>;
