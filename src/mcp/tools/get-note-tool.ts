import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { fullNote, jsonResult } from '../mcp-format';
import { runTool, type ToolContext } from '../tool-context';
import { noteIdShape } from './note-id-schema';

/** Registers `get_note`: one note's full text and metadata. */
export function registerGetNoteTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'get_note',
    {
      title: 'Read a note',
      description: 'Read one note in full (body, title, author, tags, dates) by its id, e.g. after recall found it.',
      inputSchema: noteIdShape,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ id }) => runTool(ctx, 'read', async ({ api }) => jsonResult(fullNote(await api.getNote(id)))),
  );
}
