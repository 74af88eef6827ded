// The status bar: model in use, embedding backlog with progress, note count and database size.
import { useShallow } from 'zustand/react/shallow';
import { formatBytes, formatCount } from '../lib/format';
import { useStatusStore } from '../stores/status-store';
import { withoutBackticks } from './code-text';

const PROVIDER_NAMES: Record<string, string> = { builtin: 'Built-in model', ollama: 'Ollama' };

/** The bottom bar. */
export function StatusBar() {
  const { status, progress, error } = useStatusStore(useShallow((s) => ({ status: s.status, progress: s.progress, error: s.error })));
  const space = status?.activeSpace ?? null;
  const health = status?.provider ?? null;
  const unreachable = health?.reachable === false;
  const pending = status?.embeddings.pending ?? 0;
  const failed = status?.embeddings.failed ?? 0;
  const embedding = progress?.kind === 'embedding' ? progress : null;
  const busy = embedding !== null || pending > 0;
  const value = embedding ? embedding.value : status && pending > 0 ? status.embeddings.done / Math.max(1, status.embeddings.done + pending) : 1;

  return (
    <footer className="status-bar" role="status" aria-live="off">
      <span className="status-item" title={space ? `${space.provider} · ${space.model} · ${space.dimensions} dimensions` : undefined}>
        <span className={`dot ${error || unreachable ? 'dot-bad' : health?.drift === 'drifted' ? 'dot-warn' : space ? 'dot-ok' : 'dot-idle'}`} aria-hidden="true" />
        {error
          ? 'Memory unavailable'
          : space
            ? `${PROVIDER_NAMES[space.provider] ?? space.provider} · ${space.model}${unreachable ? ' · not reachable' : ''}`
            : status
              ? 'No embedding model yet'
              : 'Opening memory…'}
      </span>
      {status && (
        <span className="status-item" aria-label={busy ? `Embedding: ${formatCount(pending)} passages waiting` : 'All passages embedded'}>
          {busy ? (
            <>
              <span className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(value * 100)} aria-label="Embedding progress">
                <span className="progress-fill" style={{ width: `${Math.round(value * 100)}%` }} />
              </span>
              Embedding · {formatCount(pending)} waiting
            </>
          ) : (
            <>Meaning search ready</>
          )}
          {failed > 0 && <span className="status-warn"> · {formatCount(failed)} failed</span>}
        </span>
      )}
      {health?.message && (
        <span className="status-item status-warn status-message" title={withoutBackticks(health.message)}>
          {withoutBackticks(health.message)}
        </span>
      )}
      <span className="status-spacer" />
      {status && (
        <>
          <span className="status-item">
            {formatCount(status.notes)} {status.notes === 1 ? 'note' : 'notes'}
          </span>
          <span className="status-item" title={status.dataDir}>
            {formatBytes(status.databaseBytes)}
          </span>
        </>
      )}
      {error && <span className="status-item status-warn">{error}</span>}
    </footer>
  );
}
