// Settings → Ollama (optional): the host field with its validation under it, whether Ollama was found, the installed
// embedding models, and problems with what to do. Ollama not running is a failure only when the active model needs it.
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { OllamaDoctorReport } from '../../../shared/ipc-contract';
import { formatBytes, formatCount } from '../lib/format';
import { useSettingsStore } from '../stores/settings-store';
import { useStatusStore } from '../stores/status-store';
import { CodeText } from './code-text';

/** Where the doctor's address came from, in words. */
const HOST_SOURCES: Record<OllamaDoctorReport['hostSource'], string> = {
  setting: 'address set here',
  env: 'address from OLLAMA_HOST',
  default: 'the default address',
};

/** The Ollama card of the Settings page. */
export function OllamaSection() {
  // The doctor checks the configured model too: ask again whenever the active model changes.
  const activeId = useStatusStore((s) => s.status?.activeSpace?.id ?? null);
  useEffect(() => {
    if (activeId !== null && useSettingsStore.getState().doctor) void useSettingsStore.getState().runDoctor();
  }, [activeId]);
  const { settings, doctor, doctorLoading, doctorError, runDoctor } = useSettingsStore(
    useShallow((s) => ({ settings: s.settings, doctor: s.doctor, doctorLoading: s.doctorLoading, doctorError: s.doctorError, runDoctor: s.runDoctor })),
  );
  const space = useStatusStore((s) => s.status?.activeSpace ?? null);
  const needed = space?.provider === 'ollama';
  // Not running is only news when the active model lives in Ollama; otherwise it is a neutral "not detected".
  const notDetected = doctor !== null && !doctor.reachable && !needed && doctor.problems.every((p) => p.code === 'unreachable');
  // In the app the fix for "no model configured" is the Use button, not a CLI command; with the built-in model in
  // use it is not a problem at all.
  const problems = notDetected
    ? []
    : (doctor?.problems ?? [])
        .filter((p) => !(p.code === 'no-model-configured' && !needed))
        .map((p) => (p.code === 'no-model-configured' ? { ...p, action: 'choose one of the installed embedding models below (Use).', command: null } : p));
  const unreachable = doctor?.problems.find((p) => p.code === 'unreachable') ?? null;

  return (
    <section className="card" aria-labelledby="doctor-heading">
      <div className="card-head">
        <h2 id="doctor-heading" className="card-title">
          {needed ? 'Ollama' : 'Ollama (optional)'}
        </h2>
        <button type="button" className="btn btn-small" onClick={() => void runDoctor()} disabled={doctorLoading}>
          {doctorLoading ? 'Checking…' : 'Check again'}
        </button>
      </div>
      <p className="card-hint">
        Ollama is a separate app that runs larger embedding models, and the chat models Ask needs, on this computer.{' '}
        {needed ? 'Your embedding model runs in Ollama, so new notes wait for it to run.' : 'Engram works without it: the built-in model needs nothing else.'}
      </p>
      <HostField key={settings?.ollamaHost ?? ''} saved={settings?.ollamaHost ?? ''} />
      {doctorError && (
        <p className="form-error" role="alert">
          {doctorError}
        </p>
      )}
      {doctor && (
        <div className="doctor" aria-label="Ollama doctor report" aria-busy={doctorLoading}>
          {doctor.reachable ? (
            <p className="doctor-summary" data-state="running">
              <span className="dot dot-ok" aria-hidden="true" />
              Ollama {doctor.version ?? ''} is running at <span className="mono">{doctor.host}</span>
              <span className="muted small"> · {HOST_SOURCES[doctor.hostSource]}</span>
            </p>
          ) : notDetected ? (
            <>
              <p className="doctor-summary doctor-summary-neutral" data-state="not-detected">
                <span className="dot dot-idle" aria-hidden="true" />
                <span>
                  Ollama (optional): <strong>not detected</strong>
                </span>
              </p>
              <p className="doctor-detail muted small">
                {unreachable ? unreachable.message : `Nothing answers at ${doctor.host}`}. You need Ollama only for its larger models or for Ask; to use it,
                open the Ollama app or run <code className="command">ollama serve</code>, then check again.
              </p>
            </>
          ) : (
            <p className="doctor-summary" data-state="unreachable">
              <span className="dot dot-bad" aria-hidden="true" />
              Ollama is not reachable at <span className="mono">{doctor.host}</span>
              <span className="muted small"> · {HOST_SOURCES[doctor.hostSource]}</span>
            </p>
          )}
          {problems.length > 0 && (
            <ul className="problems" aria-label="Problems">
              {problems.map((p) => (
                <li key={`${p.code}-${p.message}`} className="problem">
                  <div className="problem-message">
                    <CodeText text={p.message} />
                  </div>
                  <div className="problem-action">
                    <strong>What to do:</strong> <CodeText text={p.action} />
                    {/* the command on its own only when the words above do not already show it */}
                    {p.command && !p.action.includes(`\`${p.command}\``) && (
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
          {doctor.reachable && <EmbeddingModelsTable doctor={doctor} />}
          {doctor.otherModels.length > 0 && <p className="muted small">Not embedding models (not offered): {doctor.otherModels.join(', ')}</p>}
        </div>
      )}
      {!doctor && doctorLoading && <p className="muted">Checking Ollama…</p>}
    </section>
  );
}

/** The host field: saved on Save; a value that is not an address is explained under the field and not saved. */
function HostField({ saved }: { saved: string }) {
  const { savingHost, hostError, saveHost, clearHostError } = useSettingsStore(
    useShallow((s) => ({ savingHost: s.savingHost, hostError: s.hostError, saveHost: s.saveHost, clearHostError: s.clearHostError })),
  );
  const [host, setHost] = useState(saved);
  return (
    <form
      className="host-form"
      onSubmit={(e) => {
        e.preventDefault();
        void saveHost(host);
      }}
    >
      <div className="host-row">
        <label htmlFor="ollama-host">Ollama host</label>
        <input
          id="ollama-host"
          className="text-input"
          placeholder="http://127.0.0.1:11434"
          value={host}
          onChange={(e) => {
            setHost(e.target.value);
            if (hostError) clearHostError();
          }}
          spellCheck={false}
          aria-invalid={hostError ? true : undefined}
          aria-describedby={hostError ? 'ollama-host-error ollama-host-hint' : 'ollama-host-hint'}
        />
        <button type="submit" className="btn" disabled={savingHost}>
          {savingHost ? 'Saving…' : 'Save'}
        </button>
      </div>
      {hostError && (
        <p id="ollama-host-error" className="field-error">
          {hostError}
        </p>
      )}
      <p id="ollama-host-hint" className="field-hint muted small">
        Leave empty to use OLLAMA_HOST, or else the default address http://127.0.0.1:11434.
      </p>
    </form>
  );
}

function EmbeddingModelsTable({ doctor }: { doctor: OllamaDoctorReport }) {
  const { choosing, choose } = useSettingsStore(useShallow((s) => ({ choosing: s.choosing, choose: s.choose })));
  const space = useStatusStore((s) => s.status?.activeSpace ?? null);
  return (
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
                <button type="button" className="btn btn-small" disabled={inUse || choosing} aria-label={`Use ${bare}`} onClick={() => void choose({ provider: 'ollama', model: bare })}>
                  Use
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
