// The shapes of ChatGPT's conversations.json that the importer reads (zod), apart from the importer: zod takes ~90 ms
// to load, and only an import of a ChatGPT export needs it.
import { z } from 'zod';
import { isPlainObject } from './is-plain-object';

/** One message node of a conversation's `mapping`; anything not needed is ignored, a wrong shape skips the node. */
export const nodeSchema = z.object({
  parent: z.string().nullish(),
  message: z
    .object({
      author: z.object({ role: z.string().nullish() }).nullish(),
      content: z.object({ parts: z.array(z.unknown()).nullish(), text: z.string().nullish() }).nullish(),
    })
    .nullish(),
});

/** A message node as read. */
export type ChatNode = z.infer<typeof nodeSchema>;

/** What a conversation must be for Engram to read it: an object whose `mapping` is an object of nodes. */
export const conversationSchema = z.object({
  id: z.union([z.string(), z.number()]).nullish(),
  conversation_id: z.union([z.string(), z.number()]).nullish(),
  title: z.unknown().optional(),
  create_time: z.unknown().optional(),
  mapping: z.custom<Record<string, unknown>>(isPlainObject, { message: 'its "mapping" (the messages) is missing or not an object' }),
  current_node: z.string().nullish(),
});
