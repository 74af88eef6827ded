// Shown when the memory cannot be used (its database is damaged, the disk is full, the data folder is unusable):
// what is wrong in Engram's own words, and the way out (Settings → Backups for a damaged database).
import { useShallow } from 'zustand/react/shallow';
import type { IpcErrorCode } from '../../../shared/ipc-contract';
import { useStatusStore } from '../stores/status-store';
import { useUiStore } from '../stores/ui-store';

const TITLES: Partial<Record<IpcErrorCode, string>> = {
  DATABASE_DAMAGED: 'Your memory could not be opened',
  DISK_FULL: 'The disk is full',
  DATA_DIR_UNUSABLE: 'Engram cannot use its data folder',
  SCHEMA_TOO_NEW: 'This memory is from a newer Engram',
};

/** The banner (nothing while the memory works). */
export function MemoryProblemBanner() {
  const { error, errorCode } = useStatusStore(useShallow((s) => ({ error: s.error, errorCode: s.errorCode })));
  const title = errorCode ? TITLES[errorCode] : undefined;
  if (!title || !error) return null;
  return (
    <div className="banner banner-warn memory-problem" role="alert">
      <div>
        <strong>{title}.</strong>
        <p>{error}</p>
      </div>
      {errorCode === 'DATABASE_DAMAGED' && (
        <button type="button" className="btn btn-small btn-primary" onClick={() => useUiStore.getState().setView('settings')}>
          Open Backups
        </button>
      )}
    </div>
  );
}
