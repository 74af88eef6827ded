import { decodeText } from './decode-text';
import { ImportFileError, type ImportedNote, type Importer, type RecordFailure } from './import-types';
import { jsonRecords } from './json-records';
import { parseDate } from './parse-date';

interface ChatNode {
  parent?: string | null;
  message?: { author?: { role?: string }; content?: { content_type?: string; parts?: unknown[] } } | null;
}
interface Conversation {
  id?: string;
  conversation_id?: string;
  title?: string;
  create_time?: number;
  mapping?: Record<string, ChatNode>;
  current_node?: string;
}

const SPEAKERS: Record<string, string> = { user: 'You', assistant: 'ChatGPT' };

/** True when parsed JSON looks like ChatGPT's conversations.json (an array of conversations with a `mapping`). */
export function looksLikeChatGpt(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0 && value.slice(0, 3).every((c) => !!c && typeof c === 'object' && 'mapping' in c);
}

/**
 * ChatGPT's conversations.json: one note per conversation, the branch the user last saw (current_node back to the
 * root), user and assistant turns as "**You:**" / "**ChatGPT:**" paragraphs. Identified by conversation id.
 */
export const chatgptImporter: Importer = {
  format: 'chatgpt',
  parse: async (file) => {
    const records = jsonRecords(decodeText(file.bytes));
    if (!looksLikeChatGpt(records.map((r) => r.value))) throw new ImportFileError('not a ChatGPT export (expected conversations.json: a list of conversations)');
    const notes: ImportedNote[] = [];
    const failures: RecordFailure[] = [];
    for (const { value, position } of records) {
      const chat = value as Conversation;
      const key = chat.id ?? chat.conversation_id ?? `conversation-${position}`;
      const where = `${file.absPath}#${key}`;
      const body = transcript(chat);
      const title = chat.title?.trim() || `Conversation ${position}`;
      if (!body) failures.push({ path: where, reason: `"${title}" has no text messages` });
      else notes.push({ title, body, tags: [], createdAt: parseDate(chat.create_time) ?? file.mtime.toISOString(), source: { kind: 'chatgpt', path: where } });
    }
    return { notes, failures, attachments: 0 };
  },
};

/** The visible branch of a conversation as markdown paragraphs. */
function transcript(chat: Conversation): string {
  const mapping = chat.mapping ?? {};
  const path: ChatNode[] = [];
  const seen = new Set<string>();
  let id = chat.current_node ?? lastLeaf(mapping);
  while (id && mapping[id] && !seen.has(id)) {
    seen.add(id);
    path.push(mapping[id]!);
    id = mapping[id]!.parent ?? undefined;
  }
  return path
    .reverse()
    .map((node) => {
      const role = node.message?.author?.role ?? '';
      const parts = node.message?.content?.parts ?? [];
      const text = parts.filter((p): p is string => typeof p === 'string').join('\n').trim();
      return SPEAKERS[role] && text ? `**${SPEAKERS[role]}:** ${text}` : '';
    })
    .filter(Boolean)
    .join('\n\n');
}

/** For exports without current_node: a node nobody points to as parent, last in the mapping. */
function lastLeaf(mapping: Record<string, ChatNode>): string | undefined {
  const parents = new Set(Object.values(mapping).map((n) => n.parent));
  return Object.keys(mapping).filter((k) => !parents.has(k)).pop();
}
