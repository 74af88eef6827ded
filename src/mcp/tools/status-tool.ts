import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { jsonResult } from '../mcp-format';
import { runTool, type ToolContext } from '../tool-context';

/** Registers `status`: what the memory holds and what this agent may do. */
export function registerStatusTool(server: McpServer, ctx: ToolContext): void {
  server.registerTool(
    'status',
    {
      title: 'Memory status',
      description:
        'Show how many notes the memory holds, whether embeddings are still being computed (until then recent notes ' +
        'are found by keywords only), the embedding model, and your own name and access level.',
      inputSchema: {},
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    () =>
      runTool(ctx, 'read', async ({ api, agent, access }) => {
        const status = await api.status();
        const space = status.activeSpace;
        return jsonResult({
          agent,
          access,
          servedBy: ctx.servedBy(),
          notes: status.notes,
          forgottenNotes: status.forgottenNotes,
          embeddings: { pending: status.embeddings.pending, failed: status.embeddings.failed },
          model: space ? `${space.provider} ${space.model}` : null,
        });
      }),
  );
}
