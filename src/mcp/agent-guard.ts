import { canRead, canWrite } from '../core/agents/agent-access';
import type { EngramApi } from '../core/engine/engram-api';
import type { AgentAccess } from '../shared/models';

/** What a tool needs: to read the memory, or to change it. */
export type ToolNeed = 'read' | 'write';

/** Refusal of a tool call because of the agent's access; its message is shown to the agent as the tool error. */
export class AgentAccessError extends Error {
  override readonly name = 'AgentAccessError';
}

/** The refusal for an agent whose access does not cover the need, or null when it does. */
export function accessRefusal(agent: string, access: AgentAccess, need: ToolNeed): string | null {
  const allow = `The user can allow it in the Engram app (Settings → Agents) or with \`engram agents set ${JSON.stringify(agent)} read-write\`.`;
  if (!canRead(access)) {
    return `Engram has not allowed the agent "${agent}" to use this memory (blocked, or waiting for the user to decide about a new agent): it may not read or change it. ${allow}`;
  }
  if (need === 'write' && !canWrite(access)) {
    return `The agent "${agent}" has read-only access to Engram: it may recall and read notes but not remember, forget or restore. ${allow}`;
  }
  return null;
}

/** Asks the memory for the agent's current access and throws AgentAccessError when it does not allow the need. */
export async function requireAccess(api: Pick<EngramApi, 'agentAccess'>, agent: string, need: ToolNeed): Promise<AgentAccess> {
  const access = await api.agentAccess(agent);
  const refusal = accessRefusal(agent, access, need);
  if (refusal) throw new AgentAccessError(refusal);
  return access;
}
