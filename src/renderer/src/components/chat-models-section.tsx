// Settings → Ask: the chat models installed in Ollama (by capability), which one Ask uses, and pulling one with
// progress.
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { formatBytes, formatCount } from '../lib/format';
import { useAskStore } from '../stores/ask-store';
import { useModelPullStore } from '../stores/model-pull-store';
import { useSettingsStore } from '../stores/settings-store';

/** The Ask card of the Settings page. */
export function ChatModelsSection() {
  const doctor = useSettingsStore((s) => s.doctor);
  const runDoctor = useSettingsStore((s) => s.runDoctor);
  const { settings, loadSettings, setChatModel } = useAskStore(useShallow((s) => ({ settings: s.settings, loadSettings: s.loadSettings, setChatModel: s.setChatModel })));
  const pull = useModelPullStore(useShallow((s) => ({ model: s.model, progress: s.progress, error: s.error, start: s.pull, cancel: s.cancel })));
  const [name, setName] = useState('llama3.2');
  useEffect(() => {
    void loadSettings();
  }, [loadSettings]);
  const chosen = settings?.chatModel ?? null;
  const value = Math.round((pull.progress?.value ?? 0) * 100);
  return (
    <section className="card" aria-labelledby="ask-heading">
      <h2 id="ask-heading" className="card-title">
        Ask: chat model
      </h2>
      <p className="card-hint">
        Ask answers questions from your notes with a chat model running in Ollama on this computer. It answers only from the passages it is given and cites them.
      </p>
      {doctor && !doctor.reachable && <p className="muted">Ollama was not detected, so there are no chat models to list. Search works without it.</p>}
      {doctor?.reachable && (
        <table className="table" aria-label="Installed chat models">
          <thead>
            <tr>
              <th scope="col">Chat model</th>
              <th scope="col">Context</th>
              <th scope="col">Size</th>
              <th scope="col" aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {doctor.chatModels.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  No chat models installed.
                </td>
              </tr>
            )}
            {doctor.chatModels.map((m) => {
              const bare = m.name.replace(/:latest$/, '');
              const inUse = chosen === bare || chosen === m.name || (chosen === null && doctor.chatModels[0] === m);
              return (
                <tr key={m.name}>
                  <th scope="row">
                    {bare}
                    {inUse && <span className="pill pill-ok">{chosen === null ? 'used (automatic)' : 'used by Ask'}</span>}
                  </th>
                  <td>{m.contextLength ? `${formatCount(m.contextLength)} tokens` : '–'}</td>
                  <td>{m.sizeBytes ? formatBytes(m.sizeBytes) : '–'}</td>
                  <td className="cell-actions">
                    <button type="button" className="btn btn-small" disabled={chosen === bare} aria-label={`Use ${bare} for Ask`} onClick={() => void setChatModel(bare)}>
                      Use
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {doctor?.chatProblems.map((p) => (
        <p key={p.code} className="problem-action">
          {p.message}. <strong>What to do:</strong> {p.action}
        </p>
      ))}
      <form
        className="host-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (name.trim()) void pull.start(name.trim()).then((ok) => (ok ? runDoctor() : undefined));
        }}
      >
        <label htmlFor="pull-model">Pull a model</label>
        <input id="pull-model" className="text-input" value={name} onChange={(e) => setName(e.target.value)} spellCheck={false} placeholder="llama3.2" />
        {pull.model ? (
          <button type="button" className="btn" onClick={() => void pull.cancel()}>
            Cancel
          </button>
        ) : (
          <button type="submit" className="btn" disabled={!name.trim()}>
            Pull
          </button>
        )}
      </form>
      {pull.model && (
        <p className="pull-progress" role="status">
          <span className="progress" role="progressbar" aria-label={`Pulling ${pull.model}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={value}>
            <span className="progress-fill" style={{ width: `${value}%` }} />
          </span>
          Pulling {pull.model}: {pull.progress?.status ?? 'starting'} · {value}%
        </p>
      )}
      {pull.error && (
        <p className="form-error" role="alert">
          {pull.error}
        </p>
      )}
      {chosen && (
        <div className="card-actions">
          <button type="button" className="btn btn-small btn-quiet" onClick={() => void setChatModel(null)}>
            Choose automatically
          </button>
        </div>
      )}
    </section>
  );
}
