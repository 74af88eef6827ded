// zod schemas for every invoke channel's payload: main validates each request with these before it reaches the core.
import { z } from 'zod';
import type { InvokeChannel, RequestOf } from '../shared/ipc-contract';

const MAX_BODY_CHARS = 10_000_000;
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
};

/** Payload schema per invoke channel; the `satisfies` keeps each schema's output assignable to the contract's request. */
export const requestSchemas = {
  'notes:add': z.strictObject({
    title: z.string().max(1000).optional(),
    body: z.string().max(MAX_BODY_CHARS),
    tags: tags.optional(),
    source: z.strictObject({ kind: z.string().min(1).max(100), path: z.string().max(4096).nullable().optional() }).optional(),
    createdAt: isoDate.optional(),
  }),
  'notes:update': z.strictObject({
    id,
    changes: z.strictObject({
      title: z.string().max(1000).optional(),
      body: z.string().max(MAX_BODY_CHARS).optional(),
      tags: tags.optional(),
    }),
  }),
  'notes:get': z.strictObject({ id }),
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
      })
      .optional(),
  }),
  'status:get': z.undefined(),
  'tags:list': z.undefined(),
} satisfies { [C in InvokeChannel]: z.ZodType<RequestOf<C>> };
