// Under a note from a connected folder: its file, actions to open it in the default editor or show it in the file
// manager, and the copies sync tools left beside it when two computers changed it at once.
import { useEffect, useState } from 'react';
import type { NoteFileInfo } from '../../../shared/ipc-contract';
import type { Note } from '../../../shared/models';
import { api, messageOf, unwrap } from '../lib/api';
import { formatShortDate } from '../lib/format';
import { useNotesStore } from '../stores/notes-store';
import { useSourcesStore } from '../stores/sources-store';
import { useUiStore } from '../stores/ui-store';

const TOOLS: Record<NoteFileInfo['conflicts'][number]['tool'], string> = { syncthing: 'Syncthing', dropbox: 'Dropbox', other: 'A sync tool' };

/** The file line and conflict banner of a folder note (nothing for other notes). */
export function NoteFileBar({ note }: { note: Note }) {
  const [info, setInfo] = useState<NoteFileInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const settledSeq = useSourcesStore((s) => s.settledSeq);
  useEffect(() => {
    let live = true;
    setInfo(null);
    if (note.source.path) {
      void unwrap(api().files.info({ id: note.id })).then(
        (found) => live && setInfo(found),
        () => undefined,
      );
    }
    return () => {
      live = false;
    };
  }, [note.id, note.updatedAt, note.source.path, settledSeq]);
  if (!info) return null;
  const act = async (work: () => Promise<unknown>): Promise<void> => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      useUiStore.getState().showToast({ kind: 'error', message: messageOf(error) }, 8000);
    } finally {
      setBusy(false);
    }
  };
  /** Keeps the note's file or takes the copy's text; the copy is deleted either way. */
  const settle = (conflictPath: string, choice: 'keep-note' | 'use-copy'): Promise<void> =>
    act(async () => {
      const updated = await unwrap(api().files.resolveConflict({ id: note.id, conflictPath, choice }));
      useNotesStore.setState({ current: updated });
      setInfo({ ...info, conflicts: info.conflicts.filter((c) => c.path !== conflictPath) });
      if (choice === 'use-copy') useNotesStore.getState().changed();
    });
  const folder = info.root.split(/[\\/]/).filter(Boolean).pop() ?? info.root;
  return (
    <>
      <div className="note-file" role="group" aria-label="File">
        <svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14">
          <path d="M4 1.5h5l3.5 3.5v9.5h-8.5z M9 1.5V5h3.5" fill="none" stroke="currentColor" strokeWidth="1.3" strokeLinejoin="round" />
        </svg>
        <span className="mono note-file-path" title={info.path}>
          {info.relPath}
        </span>
        <span className="muted note-file-folder" title={info.root}>
          in {folder}
        </span>
        <span className="grow" />
        <button type="button" className="btn btn-small" onClick={() => void act(() => unwrap(api().files.open({ noteId: note.id })))}>
          Open in editor
        </button>
        <button type="button" className="btn btn-small" onClick={() => void act(() => unwrap(api().files.reveal({ noteId: note.id })))}>
          Show in folder
        </button>
      </div>
      {info.conflicts.map((conflict) => (
        <div key={conflict.path} className="banner banner-warn conflict" role="alert">
          <p>
            <strong>{TOOLS[conflict.tool]} kept a conflicting copy</strong> of this note from {formatShortDate(conflict.modifiedAt)}:{' '}
            <span className="mono">{conflict.path.split(/[\\/]/).pop()}</span>. Both computers changed it at once.
          </p>
          <div className="card-actions">
            <button type="button" className="btn btn-small" onClick={() => void act(() => unwrap(api().files.open({ noteId: note.id, path: conflict.path })))}>
              Open the copy
            </button>
            <button type="button" className="btn btn-small" disabled={busy} onClick={() => void settle(conflict.path, 'use-copy')}>
              Use the copy
            </button>
            <button type="button" className="btn btn-small" disabled={busy} onClick={() => void settle(conflict.path, 'keep-note')}>
              Keep this note (delete the copy)
            </button>
          </div>
        </div>
      ))}
    </>
  );
}
