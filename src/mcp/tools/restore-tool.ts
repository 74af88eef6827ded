import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { jsonResult, noteSummary } from '../mcp-format';
import { runTool, type ToolContext } from '../tool-context';
import { noteIdShape } from './note-id-schema';

/** Registers `restore`: brings a forgotten note back. */
export function registerRestoreTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'restore',
    {
      title: 'Restore a forgotten note',
      description: 'Bring back a note that was forgotten, so recall finds it again. Restoring a note that is not forgotten changes nothing.',
      inputSchema: noteIdShape,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    ({ id }) => runTool(ctx, 'write', async ({ api }) => jsonResult({ restored: noteSummary(await api.restoreNote(id)) })),
  );
}
