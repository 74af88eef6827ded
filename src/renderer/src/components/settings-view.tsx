// Settings: the embedding model in use and its health, the Ollama doctor (host, installed embedding models, problems
// with what to do), choosing a model, embedding spaces, and agents' access to the memory over MCP.
import { useEffect, useState } from 'react';
import { ChoiceGroup } from './choice-group';
import { useShallow } from 'zustand/react/shallow';
import type { AgentAccess } from '../../../shared/models';
import { formatBytes, formatCount, formatLongDate, formatShortDate, providerName } from '../lib/format';
import { useReembedStore } from '../stores/reembed-store';
import { useSettingsStore } from '../stores/settings-store';
import { useStatusStore } from '../stores/status-store';
import { BackupsSection } from './backups-section';
import { ReembedWizard } from './reembed-wizard';
import { ChatModelsSection } from './chat-models-section';

/** The Settings page. */
export function SettingsView() {
  const load = useSettingsStore((s) => s.load);
  const wizardOpen = useReembedStore((s) => s.wizardOpen);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className="page" role="region" aria-labelledby="settings-title">
      <div className="page-inner">
        <h1 id="settings-title" className="page-title">
          Settings
        </h1>
        <ModelSection />
        <DoctorSection />
        <ChatModelsSection />
        <SpacesSection />
        <AgentsSection />
        <BackupsSection />
      </div>
      {wizardOpen && <ReembedWizard />}
    </div>
  );
}

function ModelSection() {
  const status = useStatusStore((s) => s.status);
  const reembed = useReembedStore(useShallow((s) => ({ status: s.status, openWizard: s.openWizard })));
  const space = status?.activeSpace ?? null;
  const health = status?.provider ?? null;
  const building = reembed.status?.building ?? null;
  let healthText = 'Not checked yet';
  let healthClass = 'dot-idle';
  if (health?.reachable === false) {
    healthText = 'Not reachable';
    healthClass = 'dot-bad';
  } else if (health?.drift === 'drifted') {
    healthText = 'The model changed since your notes were embedded';
    healthClass = 'dot-warn';
  } else if (health?.drift === 'missing') {
    healthText = 'The model is no longer installed';
    healthClass = 'dot-bad';
  } else if (health?.reachable === true) {
    healthText = 'Working';
    healthClass = 'dot-ok';
  }
  return (
    <section className="card" aria-labelledby="model-heading">
      <h2 id="model-heading" className="card-title">
        Embedding model
      </h2>
      <p className="card-hint">The model that turns your notes into meaning. Notes stay searchable by words whichever model you use.</p>
      {space ? (
        <dl className="facts" aria-label="Active model">
          <dt>Model</dt>
          <dd>
            <strong>{space.model}</strong> <span className="muted">· {providerName(space.provider)}</span>
          </dd>
          <dt>Dimensions</dt>
          <dd>{space.dimensions}</dd>
          {space.provider === 'ollama' && space.digest && (
            <>
              <dt>Digest</dt>
              <dd className="mono">{space.digest.replace(/^sha256:/, '').slice(0, 12)}</dd>
            </>
          )}
          <dt>Health</dt>
          <dd>
            <span className={`dot ${healthClass}`} aria-hidden="true" /> <span data-testid="model-health">{healthText}</span>
            {health?.message && <div className="muted small">{health.message}</div>}
          </dd>
          <dt>Embedded</dt>
          <dd>
            {formatCount(status?.embeddings.done ?? 0)} passages
            {(status?.embeddings.pending ?? 0) > 0 && <> · {formatCount(status!.embeddings.pending)} waiting</>}
            {(status?.embeddings.failed ?? 0) > 0 && <span className="status-warn"> · {formatCount(status!.embeddings.failed)} failed</span>}
          </dd>
        </dl>
      ) : (
        <p className="muted">{status ? 'No embedding model yet.' : 'Opening memory…'}</p>
      )}
      <div className="card-actions">
        <button type="button" className="btn" onClick={() => reembed.openWizard()}>
          {building ? 'Show re-embed progress' : 'Change model…'}
        </button>
        {space?.provider === 'ollama' && (
          <button type="button" className="btn" onClick={() => void useSettingsStore.getState().choose({ provider: 'builtin' })}>
            Use the built-in model
          </button>
        )}
      </div>
    </section>
  );
}

function DoctorSection() {
  // The doctor checks the configured model too: ask again whenever the active model changes.
  const activeId = useStatusStore((s) => s.status?.activeSpace?.id ?? null);
  useEffect(() => {
    if (activeId !== null && useSettingsStore.getState().doctor) void useSettingsStore.getState().runDoctor();
  }, [activeId]);
  const { settings, doctor, doctorLoading, doctorError, savingHost, choosing, runDoctor, saveHost, choose } = useSettingsStore(
    useShallow((s) => ({
      settings: s.settings,
      doctor: s.doctor,
      doctorLoading: s.doctorLoading,
      doctorError: s.doctorError,
      savingHost: s.savingHost,
      choosing: s.choosing,
      runDoctor: s.runDoctor,
      saveHost: s.saveHost,
      choose: s.choose,
    })),
  );
  const space = useStatusStore((s) => s.status?.activeSpace ?? null);
  const [host, setHost] = useState('');
  // In the app the fix for "no model configured" is the Use button, not a CLI command; with the built-in model in
  // use it is not a problem at all.
  const problems = (doctor?.problems ?? [])
    .filter((p) => !(p.code === 'no-model-configured' && space?.provider !== 'ollama'))
    .map((p) =>
      p.code === 'no-model-configured' ? { ...p, action: 'choose one of the installed embedding models below (Use).', command: null } : p,
    );
  useEffect(() => {
    setHost(settings?.ollamaHost ?? '');
  }, [settings?.ollamaHost]);

  return (
    <section className="card" aria-labelledby="doctor-heading">
      <div className="card-head">
        <h2 id="doctor-heading" className="card-title">
          Ollama
        </h2>
        <button type="button" className="btn btn-small" onClick={() => void runDoctor()} disabled={doctorLoading}>
          {doctorLoading ? 'Checking…' : 'Check again'}
        </button>
      </div>
      <p className="card-hint">
        Ollama runs larger embedding models on this computer. Engram checks what is installed and what to do when something is missing.
      </p>
      <form
        className="host-row"
        onSubmit={(e) => {
          e.preventDefault();
          void saveHost(host);
        }}
      >
        <label htmlFor="ollama-host">Ollama host</label>
        <input
          id="ollama-host"
          className="text-input"
          placeholder="OLLAMA_HOST or http://127.0.0.1:11434"
          value={host}
          onChange={(e) => setHost(e.target.value)}
          spellCheck={false}
        />
        <button type="submit" className="btn" disabled={savingHost}>
          {savingHost ? 'Saving…' : 'Save'}
        </button>
      </form>
      {doctorError && (
        <p className="form-error" role="alert">
          {doctorError}
        </p>
      )}
      {doctor && (
        <div className="doctor" aria-label="Ollama doctor report" aria-busy={doctorLoading}>
          <p className="doctor-summary">
            <span className={`dot ${doctor.reachable ? 'dot-ok' : 'dot-bad'}`} aria-hidden="true" />
            {doctor.reachable ? (
              <>
                Ollama {doctor.version ?? ''} is running at <span className="mono">{doctor.host}</span>
              </>
            ) : (
              <>
                Ollama is not reachable at <span className="mono">{doctor.host}</span>
              </>
            )}
            <span className="muted small"> · {settings?.ollamaHost ? 'set in Engram' : 'OLLAMA_HOST or the default address'}</span>
          </p>
          {problems.length > 0 && (
            <ul className="problems" aria-label="Problems">
              {problems.map((p) => (
                <li key={`${p.code}-${p.message}`} className="problem">
                  <div className="problem-message">{p.message}</div>
                  <div className="problem-action">
                    <strong>What to do:</strong> {p.action}
                    {p.command && (
                      <>
                        {' '}
                        <code className="command">{p.command}</code>
                      </>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )}
          {doctor.reachable && (
            <table className="table" aria-label="Installed embedding models">
              <thead>
                <tr>
                  <th scope="col">Embedding model</th>
                  <th scope="col">Dimensions</th>
                  <th scope="col">Context</th>
                  <th scope="col">Size</th>
                  <th scope="col" aria-label="Actions" />
                </tr>
              </thead>
              <tbody>
                {doctor.embeddingModels.length === 0 && (
                  <tr>
                    <td colSpan={5} className="muted">
                      No embedding models installed.
                    </td>
                  </tr>
                )}
                {doctor.embeddingModels.map((m) => {
                  const bare = m.name.replace(/:latest$/, '');
                  const inUse = space?.provider === 'ollama' && (space.model === m.name || space.model === bare);
                  return (
                    <tr key={m.name}>
                      <th scope="row">
                        {bare}
                        {!m.known && <span className="pill">unknown to Engram</span>}
                        {inUse && <span className="pill pill-ok">in use</span>}
                      </th>
                      <td>{m.dimensions ?? '–'}</td>
                      <td>{m.contextLength ? `${formatCount(m.contextLength)} tokens` : '–'}</td>
                      <td>{m.sizeBytes ? formatBytes(m.sizeBytes) : '–'}</td>
                      <td className="cell-actions">
                        <button
                          type="button"
                          className="btn btn-small"
                          disabled={inUse || choosing}
                          aria-label={`Use ${bare}`}
                          onClick={() => void choose({ provider: 'ollama', model: bare })}
                        >
                          Use
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {doctor.otherModels.length > 0 && (
            <p className="muted small">Not embedding models (not offered): {doctor.otherModels.join(', ')}</p>
          )}
        </div>
      )}
      {!doctor && doctorLoading && <p className="muted">Checking Ollama…</p>}
    </section>
  );
}

function SpacesSection() {
  const { spaces, reclaimed, purging, purgeRetired } = useReembedStore(
    useShallow((s) => ({ spaces: s.spaces, reclaimed: s.reclaimed, purging: s.purging, purgeRetired: s.purgeRetired })),
  );
  const retired = spaces.filter((s) => s.state === 'retired' && !s.purgedAt);
  return (
    <section className="card" aria-labelledby="spaces-heading">
      <h2 id="spaces-heading" className="card-title">
        Embedding spaces
      </h2>
      <p className="card-hint">Each model and width keeps its own vectors. Replaced ones are kept for a while so a switch can be undone.</p>
      <table className="table" aria-label="Embedding spaces">
        <thead>
          <tr>
            <th scope="col">Model</th>
            <th scope="col">State</th>
            <th scope="col">Coverage</th>
            <th scope="col">On disk</th>
          </tr>
        </thead>
        <tbody>
          {spaces.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                {s.model} <span className="muted small">· {s.dimensions}-d · {providerName(s.provider)}</span>
              </th>
              <td>
                <span className={`pill pill-${s.state}`}>{s.purgedAt ? 'purged' : s.paused ? 'paused' : s.state}</span>
                {s.state === 'retired' && s.purgeAfter && !s.purgedAt && <span className="muted small"> until {formatShortDate(s.purgeAfter)}</span>}
              </td>
              <td>{Math.round(s.coverage * 100)}%</td>
              <td>{formatBytes(s.diskBytes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="card-actions">
        <button type="button" className="btn" disabled={purging || retired.length === 0} onClick={() => void purgeRetired()}>
          {purging ? 'Purging…' : 'Purge retired now'}
        </button>
        {reclaimed && (
          <span className="muted" role="status">
            {reclaimed.spaces === 0
              ? 'Nothing to purge.'
              : `Purged ${reclaimed.spaces} ${reclaimed.spaces === 1 ? 'space' : 'spaces'}, reclaimed ${formatBytes(reclaimed.reclaimedBytes)}.`}
          </span>
        )}
      </div>
    </section>
  );
}

const ACCESS_LABELS: Record<AgentAccess, string> = { 'read-write': 'Read & write', 'read-only': 'Read only', blocked: 'Blocked' };
const ACCESS_LEVELS: readonly AgentAccess[] = ['read-write', 'read-only', 'blocked'];
/** What each default means for an agent you have not set. */
const DEFAULT_HINTS: Record<AgentAccess, string> = {
  'read-only': 'Agents you have not set may read; Engram asks you before they may write (recommended)',
  blocked: 'Agents you have not set get nothing until you allow them',
  'read-write': 'Agents you have not set may read and write at once',
};

function AccessToggle({ label, value, onChange }: { label: string; value: AgentAccess; onChange: (access: AgentAccess) => void }) {
  return (
    <ChoiceGroup label={label} choices={ACCESS_LEVELS.map((level) => ({ value: level, label: ACCESS_LABELS[level] }))} value={value} onChange={onChange} />
  );
}

function AgentsSection() {
  const { agents, agentsError, setAgentAccess, setDefaultAccess } = useSettingsStore(
    useShallow((s) => ({ agents: s.agents, agentsError: s.agentsError, setAgentAccess: s.setAgentAccess, setDefaultAccess: s.setDefaultAccess })),
  );
  return (
    <section className="card" aria-labelledby="agents-heading">
      <h2 id="agents-heading" className="card-title">
        Agents
      </h2>
      <p className="card-hint">
        AI agents reach your memory through <code>engram mcp</code>. Choose what each may do; forgetting by an agent can always be undone. An agent
        names itself, so any program can show up under a new name: it gets what you choose for new agents until you set it.
      </p>
      {agentsError && (
        <p className="form-error" role="alert">
          {agentsError}
        </p>
      )}
      {agents && (
        <>
          <div className="agent-row agent-default">
            <div>
              <div className="agent-name">New agents</div>
              <div className="muted small">{DEFAULT_HINTS[agents.defaultAccess]}</div>
            </div>
            <AccessToggle label="Access for new agents" value={agents.defaultAccess} onChange={(a) => void setDefaultAccess(a)} />
          </div>
          {agents.agents.length === 0 && <p className="muted">No agent has connected yet.</p>}
          <ul className="agent-list" aria-label="Agents">
            {agents.agents.map((agent) => (
              <li key={agent.name} className="agent-row">
                <div>
                  <div className="agent-name">{agent.name}</div>
                  <div className="muted small">
                    {formatCount(agent.notes)} {agent.notes === 1 ? 'note' : 'notes'}
                    {agent.lastSeenAt && <> · last seen {formatLongDate(agent.lastSeenAt)}</>}
                    {agent.usesDefault && <> · uses the default</>}
                    {agent.awaitingDecision && <span className="agent-waiting"> · new: waiting for you</span>}
                  </div>
                </div>
                <div className="agent-controls">
                  <AccessToggle label={`Access for ${agent.name}`} value={agent.access} onChange={(a) => void setAgentAccess(agent.name, a)} />
                  {!agent.usesDefault && (
                    <button type="button" className="btn btn-small btn-quiet" onClick={() => void setAgentAccess(agent.name, null)}>
                      Use default
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
