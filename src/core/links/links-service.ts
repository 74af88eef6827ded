// A note's links and backlinks, resolved at read time: a link stores what was written, and the note it names is
// looked up when asked, so links follow notes that appear, are renamed or are forgotten without rewriting anything.
import type { NoteLinks, OutgoingLink } from '../../shared/connection-models';
import { targetId, type LinksRepository, type StoredLink } from '../db/repositories/links-repository';
import type { NotesRepository } from '../db/repositories/notes-repository';
import { requireNoteId } from '../notes/note-input';
import { noteNotFound } from '../notes/notes-service';
import { linkTarget } from './link-keys';

/** What the links service reads from. */
export interface LinksServiceDeps {
  readonly links: LinksRepository;
  readonly notes: NotesRepository;
}

/** Answers "what does this note link to, and what links to it". */
export class LinksService {
  private readonly links: LinksRepository;
  private readonly notes: NotesRepository;

  constructor(deps: LinksServiceDeps) {
    this.links = deps.links;
    this.notes = deps.notes;
  }

  /** The note's links (in order, without repeats, each resolved or not) and its backlinks (none for a forgotten note). */
  async noteLinks(id: number): Promise<NoteLinks> {
    requireNoteId(id);
    const note = await this.notes.get(id);
    if (!note) throw noteNotFound(id);
    const written = distinct(await this.links.outgoing(id));
    const resolved = await this.links.resolve(written);
    const outgoing: OutgoingLink[] = written.map((link) => {
      const target = resolved.get(targetId(link.targetKey, link.targetPath));
      return { target: link.target, kind: link.kind, heading: link.heading, blockRef: link.blockRef, label: link.label, noteId: target?.id ?? null, noteTitle: target?.title ?? null };
    });
    const backlinks = note.deletedAt ? [] : await this.links.backlinks(id);
    return { noteId: id, outgoing, backlinks };
  }

  /**
   * The live note each [[wikilink]] target (as written, without its #heading or |label) opens, resolved exactly as
   * `noteLinks` resolves links, so a link in the rendered note and the same link in the Links list open one note;
   * targets no live note answers to are left out.
   */
  async resolveTargets(targets: readonly string[]): Promise<Record<string, number>> {
    const looked = targets.map((written) => [written, linkTarget('wikilink', written, null)] as const);
    const resolved = await this.links.resolve(looked.map(([, target]) => ({ targetKey: target.key, targetPath: target.path })));
    const ids: Record<string, number> = {};
    for (const [written, target] of looked) {
      const note = resolved.get(targetId(target.key, target.path));
      if (note) ids[written] = note.id;
    }
    return ids;
  }
}

/** The links in order of appearance, each written form once. */
function distinct(links: readonly StoredLink[]): StoredLink[] {
  const seen = new Set<string>();
  return links.filter((link) => {
    const key = [link.kind, link.targetKey, link.targetPath, link.heading, link.blockRef, link.label].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
