import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { McpMemoryApi } from './memory-socket-methods';
import { isEngramError } from '../core/errors';
import type { AgentAccess } from '../shared/models';
import { AgentAccessError, requireAccess, type ToolNeed } from './agent-guard';
import { errorResult } from './mcp-format';

/** What every tool handler gets: a way to use the memory, and who is calling. */
export interface ToolContext {
  /** Runs work against the memory (the app's, over the socket, or opened here). */
  readonly use: <T>(work: (api: McpMemoryApi) => Promise<T>) => Promise<T>;
  /** The calling agent's name, from the MCP client info. */
  readonly agent: () => string;
  /** Who serves the memory, in words. */
  readonly servedBy: () => string;
}

/** What a tool body receives once access is checked. */
export interface ToolCall {
  readonly api: McpMemoryApi;
  readonly agent: string;
  readonly access: AgentAccess;
}

/**
 * Runs a tool body after checking the agent's access for the need. Refusals and errors the user or agent can act
 * on become tool errors (isError) whose text names the problem and, for EngramErrors, its code.
 */
export async function runTool(ctx: ToolContext, need: ToolNeed, body: (call: ToolCall) => Promise<CallToolResult>): Promise<CallToolResult> {
  const agent = ctx.agent();
  try {
    return await ctx.use(async (api) => body({ api, agent, access: await requireAccess(api, agent, need) }));
  } catch (error) {
    if (error instanceof AgentAccessError) return errorResult(error.message);
    if (isEngramError(error)) return errorResult(`${error.code}: ${error.message}`);
    throw error;
  }
}
