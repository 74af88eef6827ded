import type { NoteFilter } from '../../../shared/models';

/** A WHERE fragment over the `notes n` alias, with its parameters numbered from `firstParam`. */
export interface SqlFragment {
  readonly sql: string;
  readonly params: unknown[];
}

/**
 * Builds the note filter shared by listing and both recall legs: hierarchical tags (`work` matches `work/x`),
 * created_at range, source kind, authors, a list of note ids, and forgotten notes unless asked for. Values always travel as parameters.
 */
export function noteFilterSql(filter: NoteFilter, firstParam: number): SqlFragment {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${firstParam + params.length - 1}`;
  };
  if (filter.onlyForgotten) clauses.push('n.deleted_at is not null');
  else if (!filter.includeForgotten) clauses.push('n.deleted_at is null');
  for (const tag of filter.tags ?? []) {
    const p = param(tag);
    clauses.push(`exists (select 1 from unnest(n.tags) t where t = ${p} or starts_with(t, ${p} || '/'))`);
  }
  if (filter.from) clauses.push(`n.created_at >= ${param(filter.from)}::timestamptz`);
  if (filter.to) clauses.push(`n.created_at < ${param(filter.to)}::timestamptz`);
  if (filter.sourceKind) clauses.push(`n.source_kind = ${param(filter.sourceKind)}`);
  if (filter.authors?.length) clauses.push(`n.author = any(${param(filter.authors)}::text[])`);
  if (filter.ids) clauses.push(`n.id = any(${param(filter.ids)}::int[])`);
  return { sql: clauses.length ? clauses.join(' and ') : 'true', params };
}
