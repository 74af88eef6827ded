import type { ZodError } from 'zod';
import type { ChatNode, nodeSchema as NodeSchema } from './chatgpt-schemas';
import { decodeText } from './decode-text';
import { ImportFileError, type ImportedNote, type Importer, type RecordFailure } from './import-types';
import { isPlainObject } from './is-plain-object';
import { jsonRecords } from './json-records';
import { parseDate } from './parse-date';

const SPEAKERS: Record<string, string> = { user: 'You', assistant: 'ChatGPT' };
/** Conversations looked at to tell a ChatGPT export from other JSON. */
const SNIFF = 10;

/** True when parsed JSON looks like ChatGPT's conversations.json (a list in which conversations carry a `mapping`). */
export function looksLikeChatGpt(value: unknown): boolean {
  return Array.isArray(value) && value.slice(0, SNIFF).some((c) => isPlainObject(c) && 'mapping' in c);
}

/**
 * ChatGPT's conversations.json: one note per conversation, the branch the user last saw (current_node back to the
 * root), user and assistant turns as "**You:**" / "**ChatGPT:**" paragraphs. Identified by conversation id. Each
 * conversation is checked on its own (zod): one of an unexpected shape fails alone with the reason, the others import.
 */
export const chatgptImporter: Importer = {
  format: 'chatgpt',
  parse: async (file) => {
    const decoded = decodeText(file.bytes);
    const records = jsonRecords(decoded.text);
    if (!looksLikeChatGpt(records.map((r) => r.value))) throw new ImportFileError('not a ChatGPT export (expected conversations.json: a list of conversations)');
    const schemas = await import('./chatgpt-schemas');
    const notes: ImportedNote[] = [];
    const failures: RecordFailure[] = [];
    const warnings: RecordFailure[] = decoded.warnings.map((reason) => ({ path: file.absPath, reason }));
    for (const { value, position } of records) {
      const parsed = schemas.conversationSchema.safeParse(value);
      if (!parsed.success) {
        const key = isPlainObject(value) ? keyOf(value.id, value.conversation_id, position) : `conversation-${position}`;
        failures.push({ path: `${file.absPath}#${key}`, reason: `conversation ${position} cannot be read: ${problemOf(value, parsed.error)}` });
        continue;
      }
      const chat = parsed.data;
      const where = `${file.absPath}#${keyOf(chat.id, chat.conversation_id, position)}`;
      const titled = typeof chat.title === 'string' && chat.title.trim() !== '';
      const title = titled ? (chat.title as string).trim() : `Conversation ${position}`;
      const { body, notes: oddities } = transcript(chat.mapping, chat.current_node ?? null, schemas.nodeSchema);
      if (!body) {
        failures.push({ path: where, reason: `"${title}" has no text messages` });
        continue;
      }
      const noteWarnings = [...oddities];
      if (!titled && chat.title !== undefined && chat.title !== null && chat.title !== '') noteWarnings.unshift(`its title is not text (${describe(chat.title)}); it was named "${title}"`);
      notes.push({ title, body, tags: [], createdAt: parseDate(chat.create_time) ?? file.mtime.toISOString(), source: { kind: 'chatgpt', path: where }, ...(noteWarnings.length ? { warnings: noteWarnings } : {}) });
    }
    return { notes, failures, attachments: 0, warnings };
  },
};

/** The visible branch of a conversation as markdown paragraphs, and what was odd about it (skipped nodes, a loop). */
function transcript(mapping: Record<string, unknown>, currentNode: string | null, nodeSchema: typeof NodeSchema): { body: string; notes: string[] } {
  // a Map, not the object: ids such as "__proto__" or "constructor" are plain keys here
  const nodes = new Map(Object.entries(mapping));
  const path: ChatNode[] = [];
  const seen = new Set<string>();
  const notes: string[] = [];
  let malformed = 0;
  let id: string | null | undefined = currentNode ?? lastLeaf(nodes);
  while (id !== null && id !== undefined && nodes.has(id)) {
    if (seen.has(id)) {
      notes.push('its messages link back in a loop; the messages up to the loop were imported');
      break;
    }
    seen.add(id);
    const node = nodeSchema.safeParse(nodes.get(id));
    if (!node.success) {
      malformed++;
      break; // without a readable node there is no parent to follow
    }
    path.push(node.data);
    id = node.data.parent;
  }
  if (malformed) notes.push('a message of an unexpected shape cut its thread; only the messages after it were imported');
  const body = path
    .reverse()
    .map((node) => {
      const speaker = SPEAKERS[node.message?.author?.role ?? ''];
      const content = node.message?.content;
      const text = (content?.parts ? content.parts.filter((p): p is string => typeof p === 'string').join('\n') : (content?.text ?? '')).trim();
      return speaker && text ? `**${speaker}:** ${text}` : '';
    })
    .filter(Boolean)
    .join('\n\n');
  return { body, notes };
}

/** For exports without current_node: a node nobody names as parent, last in the mapping. */
function lastLeaf(nodes: ReadonlyMap<string, unknown>): string | undefined {
  const parents = new Set<unknown>();
  for (const node of nodes.values()) if (isPlainObject(node)) parents.add(node.parent);
  let leaf: string | undefined;
  for (const key of nodes.keys()) if (!parents.has(key)) leaf = key;
  return leaf;
}

/** The conversation's key in its note's source path: its id, else its conversation_id, else its position. */
function keyOf(id: unknown, conversationId: unknown, position: number): string {
  for (const value of [id, conversationId]) if ((typeof value === 'string' && value.trim()) || typeof value === 'number') return String(value);
  return `conversation-${position}`;
}

/** Why a conversation was refused, in words: what it is instead, or which field was wrong. */
function problemOf(value: unknown, error: ZodError): string {
  if (!isPlainObject(value)) return `it is ${describe(value)}, not a conversation`;
  const issue = error.issues[0];
  if (!issue) return 'it has an unexpected shape';
  return issue.code === 'custom' ? issue.message : `its "${issue.path.join('.')}" has an unexpected shape (${issue.message})`;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
