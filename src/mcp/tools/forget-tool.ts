import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { jsonResult, noteSummary } from '../mcp-format';
import { runTool, type ToolContext } from '../tool-context';
import { noteIdShape } from './note-id-schema';

/** Registers `forget`: a soft delete the user (or `restore`) can undo. */
export function registerForgetTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'forget',
    {
      title: 'Forget a note',
      description:
        'Forget a note that is wrong, outdated or unwanted: it stops appearing in recall. This is a soft delete; ' +
        'nothing is erased, and the note can be brought back with restore (the user can also restore it in the app). ' +
        'To correct a note, remember the corrected version and forget the old one.',
      inputSchema: noteIdShape,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    ({ id }) =>
      runTool(ctx, 'write', async ({ api }) => {
        const note = await api.forgetNote(id);
        return jsonResult({ forgotten: noteSummary(note), undo: `restore with {"id": ${note.id}}` });
      }),
  );
}
