import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { RelatedNotes } from '../../shared/connection-models';
import { jsonResult } from '../mcp-format';
import { runTool, type ToolContext } from '../tool-context';
import { noteIdShape } from './note-id-schema';

/** Related notes returned when the agent does not say. */
const DEFAULT_LIMIT = 8;

/** What the state tells an agent, when the list may be short or empty for a reason. */
const STATE_NOTICES: Partial<Record<RelatedNotes['state'], string>> = {
  'not-embedded': 'This note is not embedded yet, so nothing can be compared; try again once the app has embedded it.',
  'partly-embedded': 'Some passages of this note are still waiting for embeddings; only the embedded ones were compared.',
  'nothing-to-compare': 'This note is forgotten or has no text to compare.',
};

/** Registers `related_notes`: the notes closest in meaning to one note, with the passages that matched. */
export function registerRelatedNotesTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'related_notes',
    {
      title: 'Find related notes',
      description:
        'List the notes closest in meaning to one note (by its id, e.g. from recall), best first: each with id, title, ' +
        'similarity (cosine, -1..1), its passage that matched and the passage of the given note it matched. Notes marked ' +
        'lessRelated are weak matches. Use it to gather context around a note; call get_note for a note\'s full text.',
      inputSchema: {
        ...noteIdShape,
        limit: z.number().int().min(1).max(50).optional().describe(`How many notes to return (default ${DEFAULT_LIMIT}).`),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    ({ id, limit }) =>
      runTool(ctx, 'read', async ({ api }) => {
        const related = await api.relatedNotes(id, { limit: limit ?? DEFAULT_LIMIT });
        const notice = STATE_NOTICES[related.state];
        return jsonResult({
          noteId: related.noteId,
          state: related.state,
          results: related.notes.map((n) => ({
            id: n.noteId,
            title: n.title,
            similarity: Number(n.similarity.toFixed(3)),
            passage: n.passage,
            matchedOwnPassage: n.matchedOwnPassage,
            lessRelated: n.lessRelated,
          })),
          ...(notice ? { notice } : {}),
        });
      }),
  );
}
