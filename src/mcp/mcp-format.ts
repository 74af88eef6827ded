import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { Note, RecallHit } from '../shared/models';

/** An ISO date without milliseconds (shorter in a model's context). */
export function shortDate(iso: string): string {
  return iso.replace(/\.\d{3}Z$/, 'Z');
}

/** A note's identity and metadata, without its body. */
export function noteSummary(note: Note): Record<string, unknown> {
  return {
    id: note.id,
    title: note.title,
    author: note.author,
    tags: note.tags,
    created: shortDate(note.createdAt),
    updated: shortDate(note.updatedAt),
    ...(note.deletedAt ? { forgotten: shortDate(note.deletedAt) } : {}),
  };
}

/** A whole note: metadata, source and body. */
export function fullNote(note: Note): Record<string, unknown> {
  return { ...noteSummary(note), source: note.source.path ? `${note.source.kind}: ${note.source.path}` : note.source.kind, body: note.body };
}

/** One recall hit: id, title, author, score, dates, tags and the best-matching passage; `lessRelated` when it only loosely relates. */
export function hitSummary(hit: RecallHit, author: string): Record<string, unknown> {
  return {
    id: hit.id,
    title: hit.title,
    author,
    score: Math.round(hit.score * 10_000) / 10_000,
    created: shortDate(hit.createdAt),
    tags: hit.tags,
    snippet: hit.snippet.text,
    ...(hit.forgotten ? { forgotten: true } : {}),
    ...(hit.lessRelated ? { lessRelated: true } : {}),
  };
}

/** A successful tool result: compact JSON text. */
export function jsonResult(data: unknown): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(data) }] };
}

/** A failed tool result the agent can read and act on. */
export function errorResult(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}
