// Beside the open note: the notes close to it in meaning (Related), the notes it links to, and the notes that link
// to it (Backlinks). Each entry is a button that opens its note; unresolved links are shown as such.
import type { ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Backlink, NoteLinks, OutgoingLink, RelatedNote, RelatedNotes } from '../../../shared/connection-models';
import { formatCount } from '../lib/format';
import { useConnectionsStore } from '../stores/connections-store';
import { useNotesStore } from '../stores/notes-store';

/** The connections of note `noteId` (the open note). */
export function NoteConnections({ noteId }: { noteId: number }) {
  const { related, links, relatedError, linksError, shownFor } = useConnectionsStore(
    useShallow((s) => ({ related: s.related, links: s.links, relatedError: s.relatedError, linksError: s.linksError, shownFor: s.noteId })),
  );
  const current = shownFor === noteId;
  return (
    <aside className="connections" aria-label="Connections">
      <Group id="related" title="Related" count={current && related ? related.notes.length : null}>
        {!current || (!related && !relatedError) ? <p className="connections-note">Looking for related notes…</p> : relatedError ? <p className="connections-note">{relatedError}</p> : <RelatedList related={related!} />}
      </Group>
      {/* links and backlinks appear once read, rather than as empty headings while the note settles */}
      {current && linksError && (
        <Group id="links" title="Links" count={null}>
          <p className="connections-note">{linksError}</p>
        </Group>
      )}
      {current && links && (
        <>
          <Group id="links" title="Links" count={links.outgoing.length}>
            <OutgoingList links={links} />
          </Group>
          <Group id="backlinks" title="Backlinks" count={links.backlinks.length}>
            <BacklinkList backlinks={links.backlinks} />
          </Group>
        </>
      )}
    </aside>
  );
}

function Group({ id, title, count, children }: { id: string; title: string; count: number | null; children: ReactNode }) {
  return (
    <section className="connections-group" aria-labelledby={`connections-${id}`}>
      <h2 id={`connections-${id}`} className="connections-heading">
        {title}
        {count !== null && count > 0 && <span className="connections-count"> {formatCount(count)}</span>}
      </h2>
      {children}
    </section>
  );
}

/** What the related list says about itself: why it is empty, or built from part of the note. */
function relatedNotice(related: RelatedNotes): string | null {
  const waiting = related.pendingPassages === 1 ? '1 passage' : `${formatCount(related.pendingPassages)} passages`;
  switch (related.state) {
    case 'not-embedded':
      return `Not embedded yet (${waiting} waiting): related notes appear once this note has been read by the model.`;
    case 'partly-embedded':
      return `From the passages embedded so far; ${waiting} still waiting.`;
    case 'nothing-to-compare':
      return 'Nothing to compare: this note has no text, or is forgotten.';
    case 'ready':
      return related.notes.length === 0 ? 'No other note is close to this one yet.' : null;
  }
}

function RelatedList({ related }: { related: RelatedNotes }) {
  const notice = relatedNotice(related);
  const firstLess = related.notes.findIndex((n) => n.lessRelated);
  // which passage of this note each one is close to says something only when they are not all the same one
  const showWhy = new Set(related.notes.map((n) => n.matchedOwnPassage)).size > 1;
  return (
    <>
      {notice && <p className="connections-note">{notice}</p>}
      {related.notes.length > 0 && (
        <ul className="connections-list">
          {related.notes.map((n, i) => (
            <li key={n.noteId}>
              {i === firstLess && <p className="connections-divider">Less related</p>}
              <RelatedEntry note={n} showWhy={showWhy} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function RelatedEntry({ note, showWhy }: { note: RelatedNote; showWhy: boolean }) {
  const open = useNotesStore((s) => s.open);
  return (
    <button type="button" className={`connection ${note.lessRelated ? 'connection-less' : ''}`} onClick={() => void open(note.noteId)}>
      <span className="connection-title">{note.title || 'Untitled'}</span>
      {note.passage && <span className="connection-text">{note.passage}</span>}
      {showWhy && note.matchedOwnPassage && (
        <span className="connection-why">
          close to <q>{note.matchedOwnPassage}</q> here
        </span>
      )}
    </button>
  );
}

/** How a link is written, as the person would recognise it. */
function linkLabel(link: OutgoingLink): string {
  const place = link.heading ? ` › ${link.heading}` : link.blockRef ? ' › block' : '';
  return `${link.noteTitle ?? link.target}${place}`;
}

function OutgoingList({ links }: { links: NoteLinks }) {
  const open = useNotesStore((s) => s.open);
  if (links.outgoing.length === 0) return <p className="connections-note">This note links to no other note.</p>;
  return (
    <ul className="connections-list">
      {links.outgoing.map((link, i) => (
        <li key={`${link.target}#${link.heading ?? link.blockRef ?? ''}#${i}`}>
          {link.noteId !== null ? (
            <button type="button" className="connection connection-link" onClick={() => void open(link.noteId!)} title={link.kind === 'embed' ? 'Embedded here' : undefined}>
              <span className="connection-title">{linkLabel(link)}</span>
            </button>
          ) : (
            <span className="connection connection-unresolved" title="No note has this name yet">
              <span className="connection-title">{linkLabel(link)}</span>
              <span className="connection-why">not found</span>
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

function BacklinkList({ backlinks }: { backlinks: readonly Backlink[] }) {
  const open = useNotesStore((s) => s.open);
  if (backlinks.length === 0) return <p className="connections-note">No note links here yet.</p>;
  return (
    <ul className="connections-list">
      {backlinks.map((b) => (
        <li key={b.noteId}>
          <button type="button" className="connection" onClick={() => void open(b.noteId)}>
            <span className="connection-title">
              {b.title || 'Untitled'}
              {b.count > 1 && <span className="connection-count"> · {b.count} links</span>}
            </span>
            {b.context && <span className="connection-text">{b.context}</span>}
          </button>
        </li>
      ))}
    </ul>
  );
}
