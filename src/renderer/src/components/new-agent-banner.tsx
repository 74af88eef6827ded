// "A new agent wants access": shown when an agent connected over MCP and nobody chose what it may do yet.
import { useShallow } from 'zustand/react/shallow';
import { useSettingsStore } from '../stores/settings-store';
import { useUiStore } from '../stores/ui-store';

/** What the default gives a new agent until the person decides, in words. */
const UNTIL_YOU_DECIDE = { 'read-only': 'It can read your notes but not change them', blocked: 'It has no access', 'read-write': 'It can read and write' } as const;

/** The banner for the first agent waiting for a decision (nothing when none is). */
export function NewAgentBanner() {
  const { agents, setAgentAccess } = useSettingsStore(useShallow((s) => ({ agents: s.agents, setAgentAccess: s.setAgentAccess })));
  const waiting = agents?.agents.filter((a) => a.awaitingDecision) ?? [];
  const agent = waiting[0];
  if (!agents || !agent) return null;
  const more = waiting.length - 1;
  return (
    <div className="banner banner-info new-agent-banner" role="alert" aria-labelledby="new-agent-title">
      <span>
        <strong id="new-agent-title">A new agent wants access: </strong>
        <span className="agent-name-inline">{agent.name}</span> connected through <code>engram mcp</code>. {UNTIL_YOU_DECIDE[agents.defaultAccess]} until you decide.
        {more > 0 && (
          <>
            {' '}
            <button type="button" className="link-button" onClick={() => useUiStore.getState().setView('settings')}>
              {more} more {more === 1 ? 'agent waits' : 'agents wait'}
            </button>
            .
          </>
        )}
      </span>
      <span className="new-agent-actions">
        <button type="button" className="btn btn-small btn-primary" onClick={() => void setAgentAccess(agent.name, 'read-write')}>
          Allow read &amp; write
        </button>
        <button type="button" className="btn btn-small" onClick={() => void setAgentAccess(agent.name, 'read-only')}>
          Read only
        </button>
        <button type="button" className="btn btn-small btn-quiet" onClick={() => void setAgentAccess(agent.name, 'blocked')}>
          Block
        </button>
      </span>
    </div>
  );
}
