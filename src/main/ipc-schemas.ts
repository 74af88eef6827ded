// zod schemas for every invoke channel's payload: main validates each request with these before it reaches the core.
import { z } from 'zod';
import { formatBytes } from '../core/files/format-bytes';
import { MAX_NOTE_BYTES } from '../core/notes/note-input';
import type { InvokeChannel, RequestOf } from '../shared/ipc-contract';

/** Longer than any note can be (a UTF-16 unit is at least one UTF-8 byte); the core names the exact limit. */
const MAX_BODY_CHARS = MAX_NOTE_BYTES;
const NOTE_TOO_LONG = `a note can hold at most ${formatBytes(MAX_NOTE_BYTES)} of text; split it into several notes`;
const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const isoDate = z.string().max(64).refine((s) => !Number.isNaN(Date.parse(s)), { message: 'must be an ISO-8601 date' });
const tag = z.string().min(1).max(200);
const tags = z.array(tag).max(100);

const noteFilter = {
  tags: tags.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  sourceKind: z.string().min(1).max(100).optional(),
  includeForgotten: z.boolean().optional(),
  authors: z.array(z.string().min(1).max(200)).max(50).optional(),
  ids: z.array(id).max(100_000).optional(),
};

const embeddingChoice = z.discriminatedUnion('provider', [
  z.strictObject({ provider: z.literal('builtin') }),
  z.strictObject({
    provider: z.literal('ollama'),
    model: z.string().trim().min(1).max(300),
    dimensions: z.number().int().min(1).max(65_536).nullable().optional(),
  }),
]);
const importFormat = z.enum(['auto', 'markdown', 'obsidian', 'text', 'html', 'pdf', 'json', 'enex', 'chatgpt']);
const importRequest = z.strictObject({
  path: z.string().min(1).max(4096),
  format: importFormat.optional(),
  deleteMissing: z.boolean().optional(),
  exclude: z.array(z.string().min(1).max(1000)).max(200).optional(),
  maxFileBytes: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  followLinks: z.boolean().optional(),
  confirmForget: z.boolean().optional(),
});
const sourceRequest = z.strictObject({
  path: z.string().min(1).max(4096),
  format: importFormat.optional(),
  exclude: z.array(z.string().min(1).max(1000)).max(200).optional(),
  maxFileBytes: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
});
const filePath = z.string().min(1).max(4096);
const fileBaseline = z.strictObject({ path: filePath, hash: z.string().regex(/^[0-9a-f]{64}$/) });
const agentAccess = z.enum(['read-write', 'read-only', 'blocked']);
const modelName = z.string().trim().min(1).max(300);
const agentName = z.string().min(1).max(200);

/** Payload schema per invoke channel; the `satisfies` keeps each schema's output assignable to the contract's request. */
export const requestSchemas = {
  'notes:add': z.strictObject({
    title: z.string().max(1000).optional(),
    body: z.string().max(MAX_BODY_CHARS, NOTE_TOO_LONG),
    tags: tags.optional(),
    source: z.strictObject({ kind: z.string().min(1).max(100), path: z.string().max(4096).nullable().optional() }).optional(),
    createdAt: isoDate.optional(),
  }),
  'notes:update': z.strictObject({
    id,
    changes: z.strictObject({
      title: z.string().max(1000).optional(),
      body: z.string().max(MAX_BODY_CHARS, NOTE_TOO_LONG).optional(),
      tags: tags.optional(),
    }),
  }),
  'notes:get': z.strictObject({ id }),
  'notes:resolveTitles': z.strictObject({ targets: z.array(z.string().max(1000)).max(500) }),
  'notes:links': z.strictObject({ id }),
  'notes:related': z.strictObject({ id, limit: z.number().int().min(1).max(50).optional() }),
  'notes:list': z.strictObject({
    ...noteFilter,
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
    forgotten: z.enum(['exclude', 'include', 'only']).optional(),
  }),
  'notes:forget': z.strictObject({ id }),
  'notes:restore': z.strictObject({ id }),
  'recall:query': z.strictObject({
    query: z.string().max(10_000),
    options: z
      .strictObject({
        ...noteFilter,
        limit: z.number().int().min(1).max(1000).optional(),
        mode: z.enum(['hybrid', 'vector', 'keyword']).optional(),
        when: z.string().max(200).optional(),
        latestOf: z.string().min(1).max(100).optional(),
      })
      .optional(),
  }),
  'status:get': z.undefined(),
  'tags:list': z.undefined(),
  'ollama:doctor': z.strictObject({ model: z.string().max(300).optional() }),
  'settings:get': z.undefined(),
  'settings:update': z.strictObject({ ollamaHost: z.string().trim().max(1000).nullable().optional() }),
  'embedding:choose': embeddingChoice,
  'reembed:plan': embeddingChoice,
  'reembed:start': embeddingChoice,
  'reembed:pause': z.undefined(),
  'reembed:resume': z.undefined(),
  'reembed:cancel': z.undefined(),
  'reembed:undo': z.undefined(),
  'reembed:status': z.undefined(),
  'spaces:list': z.undefined(),
  'spaces:purgeRetired': z.undefined(),
  'import:preview': importRequest,
  'import:run': importRequest,
  'import:cancel': z.undefined(),
  'import:resume': z.strictObject({ jobId: id }),
  'import:unfinished': z.undefined(),
  'import:discard': z.strictObject({ jobId: id }),
  'agents:list': z.undefined(),
  'agents:setAccess': z.strictObject({ name: agentName, access: agentAccess.nullable() }),
  'agents:setDefault': z.strictObject({ access: agentAccess }),
  'dialog:pickSource': z.strictObject({ kind: z.enum(['folder', 'file']) }),
  'dialog:saveReport': z.strictObject({ json: z.string().max(200_000_000), suggestedName: z.string().max(255).optional() }),
  'sources:list': z.undefined(),
  'sources:preview': sourceRequest,
  'sources:add': sourceRequest,
  'sources:remove': z.strictObject({ id, keepNotes: z.boolean().optional() }),
  'sources:sync': z.strictObject({ id: id.optional(), confirmForget: z.boolean().optional() }),
  'notes:file': z.strictObject({ id }),
  'notes:beginFileEdit': z.strictObject({ id }),
  'notes:saveFile': z.strictObject({
    noteId: id,
    title: z.string().max(500),
    text: z.string().max(MAX_BODY_CHARS),
    tags,
    baseline: fileBaseline,
    overwrite: z.boolean().optional(),
  }),
  'notes:createInFolder': z.strictObject({
    sourceId: id,
    title: z.string().max(500).optional(),
    body: z.string().min(1).max(MAX_BODY_CHARS),
    tags: tags.optional(),
    folder: z.string().max(4096).optional(),
  }),
  'notes:resolveConflict': z.strictObject({ id, conflictPath: filePath, choice: z.enum(['keep-note', 'use-copy']) }),
  'files:open': z.strictObject({ noteId: id, path: filePath.optional() }),
  'files:reveal': z.strictObject({ noteId: id, path: filePath.optional() }),
  'ask:ask': z.strictObject({
    requestId: z.string().min(1).max(100),
    question: z.string().max(4000),
    threadId: id.nullable().optional(),
    model: modelName.optional(),
    filters: z
      .strictObject({
        tags: tags.optional(),
        when: z.string().max(200).optional(),
        from: isoDate.optional(),
        to: isoDate.optional(),
        sourceKind: z.string().min(1).max(100).optional(),
        includeForgotten: z.boolean().optional(),
      })
      .optional(),
  }),
  'ask:stop': z.strictObject({ requestId: z.string().min(1).max(100) }),
  'ask:threads': z.undefined(),
  'ask:thread': z.strictObject({ id }),
  'ask:deleteThread': z.strictObject({ id }),
  'ask:save': z.strictObject({ turnId: id }),
  'ask:settings': z.undefined(),
  'ask:updateSettings': z.strictObject({
    chatModel: z.string().trim().max(300).nullable().optional(),
    contextTokens: z.number().int().min(1024).max(262_144).nullable().optional(),
  }),
  'ollama:pull': z.strictObject({ model: modelName }),
  'ollama:cancelPull': z.undefined(),
  'backups:list': z.undefined(),
  'backups:create': z.undefined(),
  'backups:setAutomatic': z.strictObject({ on: z.boolean() }),
  // a backup's name as listed: no path separators, so it can only name a file in the backups folder
  'backups:restore': z.strictObject({ name: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/) }),
  'export:markdown': z.undefined(),
} satisfies { [C in InvokeChannel]: z.ZodType<RequestOf<C>> };
