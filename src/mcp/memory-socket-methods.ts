// The one list of what the memory socket serves: exactly the EngramApi methods `engram mcp` and the CLI call.
// Anything only the window uses (hard delete, edits, retrying failed embeddings, import bookkeeping) is left out;
// docs/SECURITY.md says why the risky ones that are in (agents' access, imports) are acceptable.
import type { EngramApi } from '../core/engine/engram-api';
import type { CallMethod } from '../core/engine/worker-protocol';

/** Methods `engram mcp` calls for its tools (the access check before each one included), with the tools using them. */
export const MCP_METHODS = {
  agentAccess: 'every tool (the access check)',
  addNote: 'remember',
  recall: 'recall',
  getNote: 'get_note',
  noteLinks: 'note_links',
  relatedNotes: 'related_notes',
  forgetNote: 'forget',
  restoreNote: 'restore',
  listTags: 'list_tags',
  status: 'status',
} as const satisfies Partial<Record<CallMethod, string>>;

/** Methods the CLI's commands call, with the commands using them. */
export const CLI_METHODS = {
  addNote: 'add',
  getNote: 'get',
  noteLinks: 'links',
  relatedNotes: 'related',
  listNotes: 'list',
  recall: 'recall',
  forgetNote: 'forget',
  restoreNote: 'restore',
  status: 'status, wait',
  drainQueue: 'wait, reembed (joins the holder’s own embedding)',
  previewImport: 'import --dry-run',
  runImport: 'import',
  cancelImport: 'import (Ctrl-C)',
  getSettings: 'config get, ollama pull',
  updateSettings: 'config set ollama-host',
  chooseEmbedding: 'config set provider',
  ollamaDoctor: 'ollama doctor',
  planReembed: 'reembed',
  startReembed: 'reembed',
  pauseReembed: 'reembed --pause, Ctrl-C',
  resumeReembed: 'reembed --resume',
  cancelReembed: 'reembed --cancel',
  undoReembed: 'reembed --undo',
  reembedStatus: 'reembed',
  listSpaces: 'spaces, config get',
  purgeRetiredSpaces: 'spaces --purge-retired',
  listAgents: 'agents',
  setAgentAccess: 'agents set',
  setDefaultAgentAccess: 'agents default',
  createBackup: 'backup',
  exportMarkdown: 'export (the app writes the files, as the same user)',
  ask: 'ask',
  listSources: 'sources list, sources sync',
  previewSource: 'sources add',
  addSource: 'sources add',
  removeSource: 'sources remove',
  syncSources: 'sources sync',
  stopAsk: 'ask (Ctrl-C)',
  saveAskAnswer: 'ask --save',
  getAskSettings: 'config get, ask',
  updateAskSettings: 'config set chat-model, ask-context',
} as const satisfies Partial<Record<CallMethod, string>>;

/** A method `engram mcp` calls. */
export type McpMethod = keyof typeof MCP_METHODS;
/** A method the CLI calls. */
export type CliMethod = keyof typeof CLI_METHODS;
/** A method the memory socket serves. */
export type SocketMethod = McpMethod | CliMethod;

/** Every served method, as a record (true), for lookups. */
export const SOCKET_METHODS: Readonly<Record<SocketMethod, true>> = Object.fromEntries(
  [...Object.keys(MCP_METHODS), ...Object.keys(CLI_METHODS)].map((method) => [method, true]),
) as Record<SocketMethod, true>;

/** True for a method name the socket serves. */
export function isSocketMethod(value: unknown): value is SocketMethod {
  return typeof value === 'string' && Object.hasOwn(SOCKET_METHODS, value);
}

/** Progress subscriptions (and Ask's streamed pieces) and close, which every transport has. */
type Lifecycle = Pick<EngramApi, 'onProgress' | 'onImportProgress' | 'onAskEvent' | 'close'>;

/** The memory as `engram mcp`'s tools use it. */
export type McpMemoryApi = Pick<EngramApi, McpMethod> & Lifecycle;
/** The memory as the CLI's commands use it. */
export type CliMemoryApi = Pick<EngramApi, CliMethod> & Lifecycle;
/** The memory as a socket client sees it: what the socket serves. */
export type SocketMemoryApi = Pick<EngramApi, SocketMethod> & Lifecycle;
