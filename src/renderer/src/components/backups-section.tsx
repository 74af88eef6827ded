// Settings → Backups: the daily automatic backup on or off, the backups with Restore…, Back up now, and an export
// of every note as Markdown. Restoring asks first, in a dialog that says what happens to the current memory.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { BackupInfo, BackupKind } from '../../../shared/models';
import { formatBytes, formatCount, formatLongDate } from '../lib/format';
import { useBackupsStore } from '../stores/backups-store';

const KIND_LABEL: Record<BackupKind, string> = { automatic: 'Automatic', manual: 'Manual', 'before-restore': 'Before a restore' };

/** The Backups card. */
export function BackupsSection() {
  const { overview, busy, error, done, confirming, load, create, setAutomatic, askRestore, exportMarkdown } = useBackupsStore(
    useShallow((s) => ({
      overview: s.overview,
      busy: s.busy,
      error: s.error,
      done: s.done,
      confirming: s.confirming,
      load: s.load,
      create: s.create,
      setAutomatic: s.setAutomatic,
      askRestore: s.askRestore,
      exportMarkdown: s.exportMarkdown,
    })),
  );
  useEffect(() => {
    void load();
  }, [load]);
  const backups = overview?.backups ?? [];
  return (
    <section className="card" id="backups" aria-labelledby="backups-heading">
      <h2 id="backups-heading" className="card-title">
        Backups
      </h2>
      <p className="card-hint">
        Copies of your whole memory, kept on this computer in <span className="mono">{overview?.dir ?? 'the data folder'}</span>. The last{' '}
        {overview?.keep ?? 7} of each kind are kept.
      </p>
      <label className="checkbox-row">
        <input
          type="checkbox"
          checked={overview?.automatic ?? true}
          disabled={!overview || busy === 'setting'}
          onChange={(e) => void setAutomatic(e.target.checked)}
        />
        <span>Back up automatically once a day while Engram is open (only when something changed)</span>
      </label>
      {overview?.lastError && (
        <p className="form-error" role="alert">
          The last automatic backup failed: {overview.lastError}
        </p>
      )}
      {backups.length === 0 ? (
        <p className="muted">No backups yet.</p>
      ) : (
        <table className="table backups-table" aria-label="Backups">
          <thead>
            <tr>
              <th scope="col">Taken</th>
              <th scope="col">Kind</th>
              <th scope="col">Notes</th>
              <th scope="col">Size</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups.map((b) => (
              <tr key={b.name}>
                <th scope="row" title={b.name}>
                  {formatLongDate(b.createdAt)}
                </th>
                <td>{KIND_LABEL[b.kind]}</td>
                <td>{b.notes === null ? '–' : formatCount(b.notes)}</td>
                <td>{formatBytes(b.bytes)}</td>
                <td className="table-action">
                  <button type="button" className="btn btn-small" disabled={busy !== null} onClick={() => askRestore(b)} aria-label={`Restore the backup from ${formatLongDate(b.createdAt)}`}>
                    Restore…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="card-actions">
        <button type="button" className="btn" disabled={busy !== null} onClick={() => void create()}>
          {busy === 'create' ? 'Backing up…' : 'Back up now'}
        </button>
        <button type="button" className="btn" disabled={busy !== null} onClick={() => void exportMarkdown()}>
          {busy === 'export' ? 'Exporting…' : 'Export as Markdown…'}
        </button>
        {busy === 'restore' && (
          <span className="muted" role="status">
            Restoring… the memory reopens when it is done.
          </span>
        )}
        {done && (
          <span className="muted" role="status">
            {done}
          </span>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {confirming && <RestoreDialog backup={confirming} />}
    </section>
  );
}

/** "Restore this backup?" with what it replaces and how to go back. */
function RestoreDialog({ backup }: { backup: BackupInfo }) {
  const { askRestore, restore } = useBackupsStore(useShallow((s) => ({ askRestore: s.askRestore, restore: s.restore })));
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    dialog.current?.querySelector<HTMLElement>('button.btn-cancel')?.focus();
  }, []);
  const close = (): void => askRestore(null);
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  };
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div ref={dialog} className="modal modal-narrow" role="alertdialog" aria-modal="true" aria-labelledby="restore-title" aria-describedby="restore-body" onKeyDown={onKeyDown}>
        <div className="modal-head">
          <h2 id="restore-title">Restore the backup from {formatLongDate(backup.createdAt)}?</h2>
        </div>
        <div className="modal-body" id="restore-body">
          <p>
            Your memory goes back to how it was then{backup.notes === null ? '' : ` (${formatCount(backup.notes)} ${backup.notes === 1 ? 'note' : 'notes'})`}. Notes
            added or changed since are not in it.
          </p>
          <p>What you have now is first kept as a backup, so you can restore it again if you change your mind.</p>
        </div>
        <div className="modal-actions">
          <button type="button" className="btn btn-cancel" onClick={close}>
            Cancel
          </button>
          <button type="button" className="btn btn-primary" onClick={() => void restore()}>
            Restore
          </button>
        </div>
      </div>
    </div>
  );
}
