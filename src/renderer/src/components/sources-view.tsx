// The Folders page: connect a Markdown folder or Obsidian vault (preview, then the first pass), and each connected
// folder with its live state, note count, last change, conflicts and problems; sync, confirm a held-back forget, remove.
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { SourceSummary } from '../../../shared/ipc-contract';
import { formatCount, formatShortDate } from '../lib/format';
import { useSourcesStore } from '../stores/sources-store';

const STATE_LABELS: Record<SourceSummary['state'], string> = {
  watching: 'Watching',
  'catching-up': 'Catching up',
  idle: 'Up to date',
  offline: 'Offline',
  waiting: 'Waiting for you',
  error: 'Error',
};

/** The Folders page. */
export function SourcesView() {
  useEffect(() => {
    void useSourcesStore.getState().load();
  }, []);
  const { sources, loaded } = useSourcesStore(useShallow((s) => ({ sources: s.sources, loaded: s.loaded })));
  return (
    <div className="page" role="region" aria-labelledby="sources-title">
      <div className="page-inner">
        <h1 id="sources-title" className="page-title">
          Connected folders
        </h1>
        <p className="page-lead">
          A folder of Markdown files or an Obsidian vault, kept in Engram while you edit it in any editor. The files stay the truth: new,
          edited, renamed and deleted files show up here by themselves, and notes you edit in Engram are written back to their files.
        </p>
        <ConnectFolder />
        {loaded && sources.length === 0 && <p className="muted">No folder is connected yet.</p>}
        {sources.length > 0 && (
          <ul className="source-list" aria-label="Connected folders">
            {sources.map((source) => (
              <SourceCard key={source.id} source={source} />
            ))}
          </ul>
        )}
        <p className="muted small-print">
          Using Engram on two computers? Sync the folder itself (Syncthing, Dropbox, iCloud Drive, git) and connect it on each one; every
          computer keeps its own index. Never sync Engram’s data folder.
        </p>
      </div>
    </div>
  );
}

function ConnectFolder() {
  const { path, step, preview, result, error, setPath, pick, makePreview, connect, resetConnect } = useSourcesStore(
    useShallow((s) => ({
      path: s.path,
      step: s.connectStep,
      preview: s.preview,
      result: s.result,
      error: s.error,
      setPath: s.setPath,
      pick: s.pick,
      makePreview: s.makePreview,
      connect: s.connect,
      resetConnect: s.resetConnect,
    })),
  );
  return (
    <form
      className="card"
      aria-label="Connect a folder"
      onSubmit={(e) => {
        e.preventDefault();
        void (step === 'preview' ? connect() : makePreview());
      }}
    >
      <h2 className="card-title">Connect a folder</h2>
      <div className="source-row">
        <input
          className="text-input grow mono"
          aria-label="Folder path"
          placeholder="/path/to/notes or vault"
          value={path}
          spellCheck={false}
          onChange={(e) => setPath(e.target.value)}
        />
        <button type="button" className="btn" onClick={() => void pick()}>
          Choose folder…
        </button>
        {step !== 'preview' && (
          <button type="submit" className="btn" disabled={!path.trim() || step === 'previewing' || step === 'connecting'}>
            {step === 'previewing' ? 'Reading files…' : 'Preview'}
          </button>
        )}
      </div>
      {preview && step === 'preview' && (
        <div className="connect-preview" role="status">
          <p>
            <strong>{formatCount(preview.counts.imported + preview.counts.updated + preview.counts.unchanged)}</strong> notes in{' '}
            {formatCount(preview.counts.files)} files ({preview.source.format === 'obsidian' ? 'an Obsidian vault' : 'a folder'})
            {preview.counts.skipped ? `; ${formatCount(preview.counts.skipped)} left out` : ''}
            {preview.counts.failed ? `; ${formatCount(preview.counts.failed)} cannot be read` : ''}.
            {preview.counts.unchanged ? ` ${formatCount(preview.counts.unchanged)} are already in Engram and stay as they are.` : ''}
          </p>
          <div className="card-actions">
            <button type="button" className="btn" onClick={resetConnect}>
              Cancel
            </button>
            <button type="submit" className="btn btn-primary">
              Connect
            </button>
          </div>
        </div>
      )}
      {step === 'connecting' && (
        <p className="muted" role="status">
          Reading the folder… notes are searchable by keyword as they arrive.
        </p>
      )}
      {step === 'done' && result && (
        <p className="banner banner-ok" role="status">
          {result.report.state === 'completed'
            ? `Connected ${result.source.root}: ${formatCount(result.source.notes)} notes. It stays current while Engram is open.`
            : 'Connecting was cancelled; the notes read so far stay.'}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function SourceCard({ source }: { source: SourceSummary }) {
  const { busy, sync, remove } = useSourcesStore(useShallow((s) => ({ busy: s.busy.includes(source.id), sync: s.sync, remove: s.remove })));
  const [confirmRemove, setConfirmRemove] = useState(false);
  const name = source.root.split(/[\\/]/).filter(Boolean).pop() ?? source.root;
  const state =
    source.state === 'catching-up' && source.progress ? `Catching up ${formatCount(source.progress.done)}/${formatCount(source.progress.total)}` : STATE_LABELS[source.state];
  return (
    <li className="card source-card" aria-labelledby={`source-${source.id}-name`}>
      <div className="source-head">
        <div className="source-names">
          <h2 id={`source-${source.id}-name`} className="card-title">
            {name}
          </h2>
          <span className="mono muted source-root" title={source.root}>
            {source.root}
          </span>
        </div>
        <span className={`state-badge state-${source.state}`} aria-label={`State: ${state}`}>
          <span className="state-dot" aria-hidden="true" />
          {state}
        </span>
      </div>
      <p className="source-meta">
        {formatCount(source.notes)} {source.notes === 1 ? 'note' : 'notes'}
        {' · '}
        {source.lastChangeAt ? `last change ${formatShortDate(source.lastChangeAt)}` : 'no change since connected'}
        {source.conflicts > 0 && ` · ${formatCount(source.conflicts)} sync ${source.conflicts === 1 ? 'conflict' : 'conflicts'}`}
        {source.format === 'obsidian' && ' · Obsidian vault'}
      </p>
      {source.reason && (
        <p className={`banner ${source.state === 'error' ? 'banner-error' : 'banner-warn'}`} role={source.state === 'waiting' ? 'alert' : 'status'}>
          {source.reason}
        </p>
      )}
      {source.state === 'waiting' && source.pendingForget > 0 && (
        <div className="card-actions">
          <span className="grow muted">Nothing is forgotten until you say so; if the files come back, this goes away.</span>
          <button type="button" className="btn btn-danger-quiet" disabled={busy} onClick={() => void sync(source.id, true)}>
            Forget {formatCount(source.pendingForget)} {source.pendingForget === 1 ? 'note' : 'notes'}
          </button>
        </div>
      )}
      {source.problems.length > 0 && (
        <details className="source-problems">
          <summary>
            {formatCount(source.problems.length)} {source.problems.length === 1 ? 'file' : 'files'} could not be read
          </summary>
          <ul>
            {source.problems.map((p) => (
              <li key={p.path}>
                <span className="mono">{p.path.slice(source.root.length + 1) || p.path}</span>: {p.reason}
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="card-actions">
        {confirmRemove ? (
          <>
            <span className="grow">Remove this folder from Engram? The files are not touched.</span>
            <button type="button" className="btn" onClick={() => setConfirmRemove(false)}>
              Cancel
            </button>
            <button type="button" className="btn" disabled={busy} onClick={() => void remove(source.id, true)}>
              Remove, keep notes
            </button>
            <button type="button" className="btn btn-danger-quiet" disabled={busy} onClick={() => void remove(source.id, false)}>
              Remove and forget notes
            </button>
          </>
        ) : (
          <>
            <span className="grow" />
            <button type="button" className="btn" disabled={busy} onClick={() => void sync(source.id)}>
              {busy ? 'Syncing…' : 'Sync now'}
            </button>
            <button type="button" className="btn" onClick={() => setConfirmRemove(true)}>
              Remove…
            </button>
          </>
        )}
      </div>
    </li>
  );
}
