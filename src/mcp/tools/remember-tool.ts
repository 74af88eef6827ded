import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { jsonResult, noteSummary } from '../mcp-format';
import { runTool, type ToolContext } from '../tool-context';

/** Registers `remember`: stores a note written by the calling agent. */
export function registerRememberTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'remember',
    {
      title: 'Remember a note',
      description:
        "Save a note to the user's private Engram memory, which the user and their other agents can recall later. " +
        'Use it for durable things worth keeping: facts about the user or their projects, decisions and their reasons, ' +
        'preferences, summaries of finished work. Not for scratch work or chatter. Write self-contained text: it is ' +
        'found later by meaning and by keywords, without this conversation. One topic per note. You are recorded as the ' +
        'author. Saving identical content again returns the existing note instead of a copy.',
      inputSchema: {
        content: z.string().min(1).max(1_000_000).describe('The note text (Markdown is fine), self-contained and specific.'),
        title: z.string().max(200).optional().describe('A short title; derived from the first line when omitted.'),
        tags: z
          .array(z.string().min(1).max(100))
          .max(20)
          .optional()
          .describe('Topic tags, hierarchical with "/" (e.g. "projects/engram"). Prefer tags that already exist (see list_tags).'),
      },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    ({ content, title, tags }) =>
      runTool(ctx, 'write', async ({ api, agent }) => {
        const { note, duplicate } = await api.addNote({ body: content, title, tags, source: { kind: 'mcp', path: agent }, author: agent });
        return jsonResult({ saved: !duplicate, duplicate, note: noteSummary(note) });
      }),
  );
}
