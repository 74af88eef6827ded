import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { jsonResult } from '../mcp-format';
import { runTool, type ToolContext } from '../tool-context';
import { noteIdShape } from './note-id-schema';

/** Registers `note_links`: the notes one note links to (or unresolved targets) and the notes linking to it. */
export function registerNoteLinksTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'note_links',
    {
      title: "A note's links and backlinks",
      description:
        'List what a note links to ([[wikilinks]], embeds, Markdown links to notes), each with the note id it opens or ' +
        'null when unresolved, and the notes that link to it (backlinks) with the line around the link. Use it to follow ' +
        'connections between notes after recall or get_note.',
      inputSchema: noteIdShape,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ id }) => runTool(ctx, 'read', async ({ api }) => jsonResult(await api.noteLinks(id))),
  );
}
