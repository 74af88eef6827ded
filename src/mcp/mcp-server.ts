import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { normaliseAgentName } from '../core/agents/agent-name';
import type { McpMemoryApi } from './memory-socket-methods';
import { registerForgetTool } from './tools/forget-tool';
import { registerGetNoteTool } from './tools/get-note-tool';
import { registerListTagsTool } from './tools/list-tags-tool';
import { registerNoteLinksTool } from './tools/note-links-tool';
import { registerRecallTool } from './tools/recall-tool';
import { registerRelatedNotesTool } from './tools/related-notes-tool';
import { registerRememberTool } from './tools/remember-tool';
import { registerRestoreTool } from './tools/restore-tool';
import { registerStatusTool } from './tools/status-tool';

/** The name an agent gets when its client sends none. */
const UNNAMED_AGENT = 'unnamed agent';

/** What the MCP server needs: a way to use the memory and to say who serves it. */
export interface EngramMcpServerDeps {
  readonly use: <T>(work: (api: McpMemoryApi) => Promise<T>) => Promise<T>;
  readonly servedBy: () => string;
  readonly version: string;
}

/** Guidance sent to the agent host at initialisation. */
const INSTRUCTIONS =
  "Engram is the user's private, local long-term memory, shared between the user (in the Engram app) and their agents. " +
  'recall before answering questions that may depend on earlier notes, decisions or preferences; remember durable facts ' +
  'and decisions worth keeping; forget is reversible (restore). Notes you write are attributed to you.';

/** Builds the Engram MCP server with its nine tools; the agent's name is the client name it sent at initialisation. */
export function createEngramMcpServer(deps: EngramMcpServerDeps): McpServer {
  const server = new McpServer({ name: 'engram', version: deps.version }, { instructions: INSTRUCTIONS });
  const agent = (): string => {
    const name = server.server.getClientVersion()?.name ?? '';
    try {
      return normaliseAgentName(name);
    } catch {
      return UNNAMED_AGENT;
    }
  };
  const ctx = { use: deps.use, agent, servedBy: deps.servedBy };
  for (const register of [
    registerRememberTool,
    registerRecallTool,
    registerGetNoteTool,
    registerNoteLinksTool,
    registerRelatedNotesTool,
    registerForgetTool,
    registerRestoreTool,
    registerListTagsTool,
    registerStatusTool,
  ]) {
    register(server, ctx);
  }
  return server;
}
