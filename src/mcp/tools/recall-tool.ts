import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { hitSummary, jsonResult } from '../mcp-format';
import { runTool, type ToolContext } from '../tool-context';

/** Hits returned when the agent does not say. */
const DEFAULT_LIMIT = 8;


/** Registers `recall`: hybrid search over the memory with filters. */
export function registerRecallTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'recall',
    {
      title: 'Recall notes',
      description:
        "Search the user's Engram memory (their own notes and what agents remembered) by meaning and keywords. Use it " +
        'before answering anything that may depend on earlier notes, decisions or preferences. Describe what you are ' +
        'looking for in plain words (paraphrases work); put "exact phrases" in double quotes to require them. Returns ' +
        'the best matches first with id, title, author ("you" is the user), score, date, tags and a snippet; call ' +
        'get_note for a note\'s full text.',
      inputSchema: {
        query: z.string().min(1).max(2000).describe('What to look for, in natural language; "quoted phrases" must appear.'),
        limit: z.number().int().min(1).max(50).optional().describe(`How many notes to return (default ${DEFAULT_LIMIT}).`),
        mode: z
          .enum(['hybrid', 'vector', 'keyword'])
          .optional()
          .describe('hybrid (default) fuses meaning and keywords; vector is meaning only; keyword is exact words only.'),
        tags: z.array(z.string().min(1).max(100)).max(20).optional().describe('Only notes with all these tags ("work" also matches "work/x").'),
        when: z.string().max(100).optional().describe('Only notes created in this period, e.g. "yesterday", "last week", "since March", "in 2023".'),
        authors: z
          .array(z.string().min(1).max(100))
          .max(20)
          .optional()
          .describe('Only notes by these authors: "you" for the user, or agent names.'),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ query, limit, mode, tags, when, authors }) =>
      runTool(ctx, 'read', async ({ api }) => {
        const result = await api.recall(query, { limit: limit ?? DEFAULT_LIMIT, mode, tags, when, authors });
        const range = result.appliedRange;
        return jsonResult({
          results: result.results.map((hit) => hitSummary(hit, hit.author)),
          ...(range.from || range.to ? { range } : {}),
          ...(result.notices.length ? { notices: result.notices } : {}),
        });
      }),
  );
}
