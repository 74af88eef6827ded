import type { Backlink, LinkKind } from '../../../shared/connection-models';
import type { Queryable } from '../queryable';

/** One link as the note_links table keeps it (in the order written). */
export interface StoredLink {
  readonly kind: LinkKind;
  readonly target: string;
  /** The name the target looks up (see link-keys.ts). */
  readonly targetKey: string;
  /** For a target with folders, the path the named note's file must end with; else null. */
  readonly targetPath: string | null;
  readonly heading: string | null;
  readonly blockRef: string | null;
  readonly label: string | null;
  readonly context: string;
}

/** A note's whole link index entry: the names it answers to and the links it writes. */
export interface NoteLinkEntry {
  readonly noteId: number;
  readonly names: readonly { readonly name: string; readonly rank: number }[];
  readonly links: readonly StoredLink[];
}

/** A live note a link target resolves to. */
export interface LinkedNote {
  readonly id: number;
  readonly title: string;
}

/** What the link index reads from a stored note to index it. */
export interface NoteToIndex {
  readonly id: number;
  readonly title: string;
  readonly body: string;
  readonly sourceKind: string;
  readonly sourcePath: string | null;
}

interface LinkRow {
  kind: LinkKind;
  target: string;
  target_key: string;
  target_path: string | null;
  heading: string | null;
  block_ref: string | null;
  label: string | null;
  context: string;
}

interface IndexRow {
  id: number;
  title: string;
  body: string;
  source_kind: string;
  source_path: string;
}

/**
 * The live note each (name, path) looked up resolves to, as Obsidian picks it: a plain name by the best rank (title or
 * file name before alias), a name with a path by a file name whose note's whole path ends with that path; then the
 * shortest source path, then the oldest note. `targets` is a query giving (key, path) rows.
 */
function winners(targets: string): string {
  return `select distinct on (k.key, k.path) k.key, k.path, nn.note_id
    from (${targets}) as k(key, path)
    join note_link_names nn on nn.name = k.key
    join notes w on w.id = nn.note_id and w.deleted_at is null
    where k.path is null or (nn.rank = 0 and exists (
      select 1 from note_link_names p where p.note_id = nn.note_id and p.rank = 1 and (p.name = k.path or right(p.name, length(k.path) + 1) = '/' || k.path)))
    order by k.key, k.path, nn.rank, length(w.source_path), w.id`;
}

/** All SQL over note_links and note_link_names: writing a note's index, links out, resolution and backlinks. */
export class LinksRepository {
  constructor(private readonly db: Queryable) {}

  /**
   * Replaces the link index of these notes (names and links) and marks them indexed. `fresh`: the notes were just
   * inserted, so there is nothing to delete first.
   */
  async replace(entries: readonly NoteLinkEntry[], fresh = false): Promise<void> {
    if (entries.length === 0) return;
    const ids = entries.map((e) => e.noteId);
    if (!fresh) {
      await this.db.query('delete from note_links where note_id = any($1::int[])', [ids]);
      await this.db.query('delete from note_link_names where note_id = any($1::int[])', [ids]);
    }
    const names = entries.flatMap((e) => e.names.map((n) => [e.noteId, n.name, n.rank] as const));
    if (names.length) {
      await this.db.query(
        'insert into note_link_names (note_id, name, rank) select * from unnest($1::int[], $2::text[], $3::smallint[])',
        [names.map((n) => n[0]), names.map((n) => n[1]), names.map((n) => n[2])],
      );
    }
    const links = entries.flatMap((e) => e.links.map((link, ordinal) => ({ noteId: e.noteId, ordinal, link })));
    if (links.length) {
      const column = <T>(pick: (row: (typeof links)[number]) => T): T[] => links.map(pick);
      await this.db.query(
        `insert into note_links (note_id, ordinal, kind, target, target_key, target_path, heading, block_ref, label, context)
         select * from unnest($1::int[], $2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])`,
        [
          column((r) => r.noteId),
          column((r) => r.ordinal),
          column((r) => r.link.kind),
          column((r) => r.link.target),
          column((r) => r.link.targetKey),
          column((r) => r.link.targetPath),
          column((r) => r.link.heading),
          column((r) => r.link.blockRef),
          column((r) => r.link.label),
          column((r) => r.link.context),
        ],
      );
    }
    if (!fresh) await this.db.query('update notes set links_indexed = true where id = any($1::int[]) and not links_indexed', [ids]);
  }

  /** The links a note writes, in order. */
  async outgoing(noteId: number): Promise<StoredLink[]> {
    const result = await this.db.query<LinkRow>(
      'select kind, target, target_key, target_path, heading, block_ref, label, context from note_links where note_id = $1 order by ordinal',
      [noteId],
    );
    return result.rows.map((r) => ({
      kind: r.kind,
      target: r.target,
      targetKey: r.target_key,
      targetPath: r.target_path,
      heading: r.heading,
      blockRef: r.block_ref,
      label: r.label,
      context: r.context,
    }));
  }

  /** The live note each link target resolves to, keyed by {@link targetId}; targets no live note answers to are left out. */
  async resolve(targets: readonly Pick<StoredLink, 'targetKey' | 'targetPath'>[]): Promise<Map<string, LinkedNote>> {
    const unique = [...new Map(targets.map((t) => [targetId(t.targetKey, t.targetPath), t])).values()];
    if (unique.length === 0) return new Map();
    const result = await this.db.query<{ key: string; path: string | null; id: number; title: string }>(
      `select w.key, w.path, n.id, n.title from (${winners('select * from unnest($1::text[], $2::text[])')}) w join notes n on n.id = w.note_id`,
      [unique.map((t) => t.targetKey), unique.map((t) => t.targetPath)],
    );
    return new Map(result.rows.map((r) => [targetId(r.key, r.path), { id: r.id, title: r.title }]));
  }

  /**
   * Live notes with links that resolve to this note (other than itself), each once: how many such links and the
   * context of its first; most recently updated first.
   */
  async backlinks(noteId: number): Promise<Backlink[]> {
    const result = await this.db.query<Backlink>(
      `with candidate as (
         select l.note_id, l.ordinal, l.target_key, l.target_path, l.context from note_links l
         where l.target_key in (select name from note_link_names where note_id = $1 and rank <> 1) and l.note_id <> $1
       ),
       winner as (${winners('select distinct target_key, target_path from candidate')})
       select c.note_id as "noteId", n.title, (array_agg(c.context order by c.ordinal))[1] as context, count(*)::int as count
       from candidate c join winner w on w.key = c.target_key and w.path is not distinct from c.target_path and w.note_id = $1
       join notes n on n.id = c.note_id and n.deleted_at is null
       group by c.note_id, n.title, n.updated_at order by n.updated_at desc, c.note_id desc`,
      [noteId],
    );
    return result.rows;
  }

  /** Up to `limit` notes stored before links were indexed (any state), by id. */
  async unindexed(limit: number): Promise<NoteToIndex[]> {
    const result = await this.db.query<IndexRow>(
      'select id, title, body, source_kind, source_path from notes where not links_indexed order by id limit $1',
      [limit],
    );
    return result.rows.map(toNoteToIndex);
  }

  /** These notes as the link index reads them. */
  async notesToIndex(ids: readonly number[]): Promise<NoteToIndex[]> {
    if (ids.length === 0) return [];
    const result = await this.db.query<IndexRow>('select id, title, body, source_kind, source_path from notes where id = any($1::int[])', [ids]);
    return result.rows.map(toNoteToIndex);
  }
}

/** One string per link target (name and path), to key resolutions by. */
export function targetId(key: string, path: string | null): string {
  return path === null ? key : `${key}\u0000${path}`;
}

function toNoteToIndex(row: IndexRow): NoteToIndex {
  return { id: row.id, title: row.title, body: row.body, sourceKind: row.source_kind, sourcePath: row.source_path || null };
}
