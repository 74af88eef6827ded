import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { jsonResult } from '../mcp-format';
import { runTool, type ToolContext } from '../tool-context';

/** Tags returned when the agent does not say. */
const DEFAULT_LIMIT = 100;

/** Registers `list_tags`: the tags in use, most used first. */
export function registerListTagsTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'list_tags',
    {
      title: 'List tags',
      description:
        'List the tags in use in the memory with how many notes carry each, most used first. Use it to pick existing ' +
        'tags when remembering, or to narrow a recall by tag.',
      inputSchema: {
        limit: z.number().int().min(1).max(1000).optional().describe(`How many tags to return (default ${DEFAULT_LIMIT}).`),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ limit }) =>
      runTool(ctx, 'read', async ({ api }) => {
        const tags = await api.listTags();
        const shown = tags.slice(0, limit ?? DEFAULT_LIMIT);
        return jsonResult({ tags: shown, ...(tags.length > shown.length ? { more: tags.length - shown.length } : {}) });
      }),
  );
}
