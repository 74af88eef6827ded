import type { Queryable } from '../queryable';

/**
 * All SQL for telling whether the memory changed since a backup: a marker built from what a person would miss
 * (notes added, edited, forgotten or deleted; settings; embedding spaces; how much embedding is still queued). It
 * moves with every such change and stays put when nothing happened, unlike the write-ahead-log position, which every
 * open and close advances.
 */
export class ChangeMarkerRepository {
  constructor(private readonly db: Queryable) {}

  /** The current marker, and how many live notes there are. */
  async current(): Promise<{ marker: string; liveNotes: number }> {
    const result = await this.db.query<{ marker: string; live_notes: number }>(
      `select concat_ws('|',
          n.total, n.max_id, n.max_updated, n.forgotten, n.max_deleted,
          (select coalesce(md5(string_agg(key || '=' || value::text, ',' order by key)), '') from settings),
          (select coalesce(string_agg(id || ':' || state, ',' order by id), '') from embedding_spaces),
          (select count(*) from embedding_queue)) as marker,
         n.total - n.forgotten as live_notes
       from (select count(*)::int as total, coalesce(max(id), 0) as max_id, coalesce(max(updated_at)::text, '') as max_updated,
                    count(deleted_at)::int as forgotten, coalesce(max(deleted_at)::text, '') as max_deleted
               from notes) n`,
    );
    const row = result.rows[0]!;
    return { marker: row.marker, liveNotes: Number(row.live_notes) };
  }
}
