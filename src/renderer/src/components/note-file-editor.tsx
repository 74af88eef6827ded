// Editing a note from a connected folder: the file's own text (its front matter shown, kept as written), saved back
// to the file. If the file changed on disk meanwhile, the person sees both and chooses; nothing is overwritten silently.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { NoteFileDraft } from '../../../shared/ipc-contract';
import type { Note } from '../../../shared/models';
import { api, messageOf, unwrap } from '../lib/api';
import { formatShortDate, parseTags } from '../lib/format';
import { isMod, modKey } from '../lib/use-focus-request';
import { useNotesStore } from '../stores/notes-store';
import { useUiStore } from '../stores/ui-store';

/** A conflict found on save: the file's text now, and the baseline that keeps the person's version over it. */
interface Conflict {
  readonly diskText: string;
  readonly diskModifiedAt: string;
  readonly baseline: NoteFileDraft['baseline'];
}

/** The editor of a folder note. */
export function NoteFileEditor({ note }: { note: Note }) {
  const [draft, setDraft] = useState<NoteFileDraft | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [title, setTitle] = useState(note.title);
  const [text, setText] = useState('');
  const [tagsText, setTagsText] = useState(note.tags.join(', '));
  const [baseline, setBaseline] = useState<NoteFileDraft['baseline'] | null>(null);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saving, setSaving] = useState(false);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const setPane = useUiStore((s) => s.setPane);

  useEffect(() => {
    let live = true;
    void unwrap(api().files.beginEdit({ id: note.id })).then(
      (d) => {
        if (!live) return;
        setDraft(d);
        setTitle(d.title);
        setText(d.text);
        setTagsText(d.tags.join(', '));
        setBaseline(d.baseline);
        requestAnimationFrame(() => bodyRef.current?.focus());
      },
      (error: unknown) => live && setLoadError(messageOf(error)),
    );
    return () => {
      live = false;
    };
  }, [note.id]);

  const save = async (against = baseline, overwrite = false): Promise<void> => {
    if (!against) return;
    setSaving(true);
    try {
      const result = await unwrap(api().files.save({ noteId: note.id, title: title.trim(), text, tags: parseTags(tagsText), baseline: against, overwrite }));
      if (result.outcome === 'conflict') {
        setConflict({ diskText: result.diskText, diskModifiedAt: result.diskModifiedAt, baseline: result.baseline });
        setSaving(false);
        return;
      }
      useNotesStore.setState({ current: result.note });
      useNotesStore.getState().changed();
      setPane('note');
      useUiStore.getState().showToast({ kind: 'info', message: `Saved to ${result.path.split(/[\\/]/).pop()}` }, 2500);
    } catch (error) {
      useUiStore.getState().showToast({ kind: 'error', message: messageOf(error) }, 8000);
      setSaving(false);
    }
  };
  const onKeyDown = (e: KeyboardEvent<HTMLElement>): void => {
    if (e.key === 'Enter' && isMod(e)) {
      e.preventDefault();
      void save();
    } else if (e.key === 'Escape' && !conflict) {
      e.preventDefault();
      setPane('note');
      useUiStore.getState().requestFocus('detail');
    }
  };

  if (loadError) {
    return (
      <div className="editor">
        <p className="form-error" role="alert">
          {loadError}
        </p>
        <div className="editor-actions">
          <button type="button" className="btn" onClick={() => setPane('note')}>
            Back
          </button>
        </div>
      </div>
    );
  }
  return (
    <form
      className="editor"
      aria-label="Edit note file"
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <input className="editor-title" aria-label="Title" placeholder="Title" value={title} onChange={(e) => setTitle(e.target.value)} disabled={!draft} />
      {draft?.frontMatter && (
        <details className="front-matter">
          <summary>Front matter (kept as written)</summary>
          <pre className="mono">{draft.frontMatter}</pre>
        </details>
      )}
      {conflict && (
        <div className="banner banner-warn conflict" role="alert">
          <p>
            <strong>The file changed on disk while you were editing</strong> (at {formatShortDate(conflict.diskModifiedAt)}, in another app or on another
            computer). Nothing was written. Choose which version to keep:
          </p>
          <details>
            <summary>The file’s version</summary>
            <pre className="mono conflict-text">{conflict.diskText}</pre>
          </details>
          <div className="card-actions">
            <button
              type="button"
              className="btn btn-small"
              onClick={() => {
                setText(conflict.diskText);
                setBaseline(conflict.baseline);
                setConflict(null);
              }}
            >
              Use the file’s version
            </button>
            <button type="button" className="btn btn-small btn-primary" onClick={() => void save(conflict.baseline, true).then(() => setConflict(null))}>
              Keep my version
            </button>
          </div>
        </div>
      )}
      <textarea ref={bodyRef} className="editor-body" aria-label="Note text (markdown)" value={text} onChange={(e) => setText(e.target.value)} disabled={!draft} />
      <input className="editor-tags" aria-label="Tags, separated by commas" placeholder="Tags: work/project-x, ideas" value={tagsText} onChange={(e) => setTagsText(e.target.value)} disabled={!draft} />
      <div className="editor-actions">
        <span className="hint">
          Saved to its file · <kbd>{modKey()} Enter</kbd> save · <kbd>Esc</kbd> cancel
        </span>
        <button type="button" className="btn" onClick={() => setPane('note')}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={saving || !draft || conflict !== null}>
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}
