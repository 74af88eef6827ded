// The right-hand pane: the open note (rendered markdown), its editor, the quick-add composer, or a welcome.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Note } from '../../../shared/models';
import { formatLongDate, parseTags } from '../lib/format';
import { Markdown } from '../lib/markdown';
import { creditOf, importedAliases } from '../lib/note-origin';
import { isMod, modKey, useFocusRequest } from '../lib/use-focus-request';
import { useWikilinkResolver } from '../lib/use-wikilinks';
import { useCaptureStore } from '../stores/capture-store';
import { useNotesStore } from '../stores/notes-store';
import { useRecallStore } from '../stores/recall-store';
import { useStatusStore } from '../stores/status-store';
import { folderOfNote, useSourcesStore } from '../stores/sources-store';
import { useUiStore } from '../stores/ui-store';
import { NoteFileBar } from './note-file-bar';
import { NoteFileEditor } from './note-file-editor';
import { CitedPassage } from './cited-passage';
import { NoteConnections } from './note-connections';
import { SearchMatches } from './search-matches';

/** The right column. */
export function DetailPane() {
  const pane = useUiStore((s) => s.pane);
  const current = useNotesStore((s) => s.current);
  const fromFolder = useSourcesStore((s) => (current ? folderOfNote(current, s.sources) !== null : false));
  return (
    <section className="detail" aria-label="Note">
      {pane === 'compose' && <Composer />}
      {pane === 'edit' && current && (fromFolder ? <NoteFileEditor key={current.id} note={current} /> : <NoteEditor key={current.id} note={current} />)}
      {pane === 'note' && current && (
        <div className="note-layout">
          <NoteView note={current} />
          <NoteConnections noteId={current.id} />
        </div>
      )}
      {(pane === 'empty' || ((pane === 'note' || pane === 'edit') && !current)) && <Welcome />}
    </section>
  );
}

function TagsLine({ tags }: { tags: readonly string[] }) {
  const addTag = useRecallStore((s) => s.addTag);
  if (tags.length === 0) return null;
  return (
    <span className="note-tags">
      {tags.map((t) => (
        <button key={t} type="button" className="chip" onClick={() => addTag(t)} title={`Filter by #${t}`}>
          #{t}
        </button>
      ))}
    </span>
  );
}

function NoteView({ note }: { note: Note }) {
  const ref = useRef<HTMLElement>(null);
  useFocusRequest('detail', ref);
  const { forget, restore } = useNotesStore(useShallow((s) => ({ forget: s.forget, restore: s.restore })));
  const { setPane, requestFocus } = useUiStore(useShallow((s) => ({ setPane: s.setPane, requestFocus: s.requestFocus })));
  const forgotten = note.deletedAt !== null;
  const fromFolder = useSourcesStore((s) => folderOfNote(note, s.sources) !== null);
  const credit = creditOf(note);
  const { body, aliases } = importedAliases(note);

  const onKeyDown = (e: KeyboardEvent<HTMLElement>): void => {
    if ((e.target as HTMLElement).closest('button, a')) return;
    if (e.key === 'e' && !forgotten && !e.metaKey && !e.ctrlKey) {
      e.preventDefault();
      setPane('edit');
    } else if ((e.key === 'Delete' || (e.key === 'Backspace' && isMod(e))) && !forgotten) {
      e.preventDefault();
      void forget(note.id);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      requestFocus('search');
    }
  };

  return (
    <article ref={ref} className="note-view" tabIndex={-1} aria-labelledby="note-title" onKeyDown={onKeyDown}>
      <div className="note-toolbar" role="toolbar" aria-label="Note actions">
        <SearchMatches note={note} scope={ref} />
        {forgotten ? (
          <button type="button" className="btn btn-primary" onClick={() => void restore(note.id)}>
            Restore
          </button>
        ) : (
          <>
            <button type="button" className="btn" onClick={() => setPane('edit')} aria-keyshortcuts="E">
              Edit
            </button>
            <button type="button" className="btn btn-danger-quiet" onClick={() => void forget(note.id)} aria-keyshortcuts="Delete">
              Forget
            </button>
          </>
        )}
      </div>
      {forgotten && (
        <p className="banner banner-warn" role="status">
          This note is forgotten: it no longer shows up in recall. Restore it to bring it back.
        </p>
      )}
      <h1 id="note-title" className="note-title">
        {note.title || 'Untitled'}
      </h1>
      <div className="note-meta">
        {credit && (
          <span className={`author ${credit.agent ? 'author-agent' : ''}`} title={credit.title}>
            {credit.label}
          </span>
        )}
        <time dateTime={note.createdAt}>{formatLongDate(note.createdAt)}</time>
        {note.updatedAt !== note.createdAt && <span>· edited {formatLongDate(note.updatedAt)}</span>}
        {note.source.path && !fromFolder && (
          <span className="note-source" title={note.source.path}>
            · {note.source.path}
          </span>
        )}
        {aliases.length > 0 && <span className="note-aliases">· also {aliases.join(', ')}</span>}
        <TagsLine tags={note.tags} />
      </div>
      {fromFolder && <NoteFileBar note={note} />}
      <CitedPassage note={note} scope={ref} />
      <div className="markdown">
        <NoteBody source={withoutTitleHeading(body, note.title)} />
      </div>
    </article>
  );
}

/** The note's text, its [[wikilinks]] opening the notes they name. */
function NoteBody({ source }: { source: string }) {
  const openWikilink = useWikilinkResolver(source);
  return <Markdown source={source} openWikilink={openWikilink} />;
}

/** Drops a first-line heading that repeats the title (the title is already shown above the body). */
function withoutTitleHeading(body: string, title: string): string {
  const match = /^\s*#{1,6}\s+(.*?)\s*#*\s*(\n|$)/.exec(body);
  return match && match[1]?.trim() === title.trim() ? body.slice(match[0].length) : body;
}

function NoteEditor({ note }: { note: Note }) {
  const [title, setTitle] = useState(note.title);
  const [body, setBody] = useState(note.body);
  const [tagsText, setTagsText] = useState(note.tags.join(', '));
  const [saving, setSaving] = useState(false);
  const update = useNotesStore((s) => s.update);
  const setPane = useUiStore((s) => s.setPane);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => bodyRef.current?.focus(), []);

  const save = async (): Promise<void> => {
    setSaving(true);
    const ok = await update(note.id, { title: title.trim(), body, tags: parseTags(tagsText) });
    if (!ok) setSaving(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLElement>): void => {
    if (e.key === 'Enter' && isMod(e)) {
      e.preventDefault();
      void save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setPane('note');
      useUiStore.getState().requestFocus('detail');
    }
  };
  return (
    <form
      className="editor"
      aria-label="Edit note"
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <input className="editor-title" aria-label="Title" placeholder="Title" value={title} onChange={(e) => setTitle(e.target.value)} />
      <textarea
        ref={bodyRef}
        className="editor-body"
        aria-label="Note text (markdown)"
        value={body}
        onChange={(e) => setBody(e.target.value)}
      />
      <input className="editor-tags" aria-label="Tags, separated by commas" placeholder="Tags: work/project-x, ideas" value={tagsText} onChange={(e) => setTagsText(e.target.value)} />
      <div className="editor-actions">
        <span className="hint">
          <kbd>{modKey()} Enter</kbd> save · <kbd>Esc</kbd> cancel
        </span>
        <button type="button" className="btn" onClick={() => setPane('note')}>
          Cancel
        </button>
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save'}
        </button>
      </div>
    </form>
  );
}

function Composer() {
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  useFocusRequest('compose', bodyRef);
  useEffect(() => bodyRef.current?.focus(), []);
  const folders = useSourcesStore(useShallow((s) => s.sources.filter((f) => f.format === 'obsidian' || f.format === 'markdown' || f.format === 'mixed')));
  const { title, body, tagsText, saving, error, setTitle, setBody, setTagsText, save, close, folderId, setFolderId } = useCaptureStore(
    useShallow((s) => ({
      folderId: s.folderId,
      setFolderId: s.setFolderId,
      title: s.title,
      body: s.body,
      tagsText: s.tagsText,
      saving: s.saving,
      error: s.error,
      setTitle: s.setTitle,
      setBody: s.setBody,
      setTagsText: s.setTagsText,
      save: s.save,
      close: s.close,
    })),
  );
  const onKeyDown = (e: KeyboardEvent<HTMLElement>): void => {
    if (e.key === 'Enter' && isMod(e)) {
      e.preventDefault();
      void save();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close();
    }
  };
  return (
    <form
      className="editor composer"
      aria-label="New note"
      onKeyDown={onKeyDown}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <h1 className="pane-heading">New note</h1>
      <input className="editor-title" aria-label="Title (optional)" placeholder="Title (optional)" value={title} onChange={(e) => setTitle(e.target.value)} />
      <textarea
        ref={bodyRef}
        className="editor-body"
        aria-label="Note text (markdown)"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? 'compose-error' : undefined}
        placeholder="Write anything worth remembering. Markdown works: # headings, **bold**, - lists, `code`."
        value={body}
        onChange={(e) => setBody(e.target.value)}
      />
      <input className="editor-tags" aria-label="Tags, separated by commas" placeholder="Tags: work/project-x, ideas" value={tagsText} onChange={(e) => setTagsText(e.target.value)} />
      {folders.length > 0 && (
        <label className="inline-field save-to">
          <span>Save to</span>
          <select className="text-input" aria-label="Save to" value={folderId ?? ''} onChange={(e) => setFolderId(e.target.value ? Number(e.target.value) : null)}>
            <option value="">Engram only</option>
            {folders.map((f) => (
              <option key={f.id} value={f.id}>
                A new file in {f.root.split(/[\\/]/).filter(Boolean).pop()}
              </option>
            ))}
          </select>
        </label>
      )}
      {error && (
        <p id="compose-error" className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="editor-actions">
        <span className="hint">
          <kbd>{modKey()} Enter</kbd> save · <kbd>Esc</kbd> close
        </span>
        <button type="button" className="btn" onClick={close}>
          Close
        </button>
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save note'}
        </button>
      </div>
    </form>
  );
}

function Welcome() {
  const { firstRunDismissed, dismissFirstRun, setView } = useUiStore(
    useShallow((s) => ({ firstRunDismissed: s.firstRunDismissed, dismissFirstRun: s.dismissFirstRun, setView: s.setView })),
  );
  const noteCount = useStatusStore((s) => s.status?.notes ?? null);
  const begin = useCaptureStore((s) => s.begin);
  const showFirstRun = !firstRunDismissed && (noteCount === null || noteCount < 5);
  return (
    <div className="welcome">
      {showFirstRun ? (
        <div className="first-run" role="region" aria-labelledby="first-run-title">
          <h1 id="first-run-title">Welcome to Engram</h1>
          <p>Your notes stay on this computer. Nothing is sent anywhere.</p>
          <ul>
            <li>
              <strong>Search works offline, right now.</strong> Engram ships with a built-in model that understands meaning, so
              you can find a note by describing it in other words.
            </li>
            <li>
              <strong>Want sharper results?</strong> Install <a href="https://ollama.com" target="_blank" rel="noreferrer noopener">Ollama</a>{' '}
              and Engram can use a larger embedding model such as nomic-embed-text, still entirely on your machine.{' '}
              <button type="button" className="link-btn" onClick={() => setView('settings')}>
                Check Ollama and choose a model
              </button>
            </li>
            <li>
              <strong>Have notes elsewhere?</strong> Bring in a Markdown folder, an Obsidian vault or an export.{' '}
              <button type="button" className="link-btn" onClick={() => setView('import')}>
                Import notes
              </button>
            </li>
          </ul>
          <div className="first-run-actions">
            <button type="button" className="btn btn-primary" onClick={begin}>
              Write a note
            </button>
            <button type="button" className="btn" onClick={dismissFirstRun}>
              Got it
            </button>
          </div>
        </div>
      ) : (
        <div className="empty-pane">
          <p className="empty-title">Select a note, or start typing to search.</p>
          <p className="muted">
            <kbd>{modKey()} N</kbd> new note · <kbd>↑</kbd> <kbd>↓</kbd> move · <kbd>Enter</kbd> open · <kbd>Esc</kbd> back
          </p>
        </div>
      )}
    </div>
  );
}
