// The stand-in's chat "model" (A STAND-IN FOR TESTS, NOT A LANGUAGE MODEL): what /api/chat of
// test/support/fake-ollama-server.ts answers. It writes a deterministic reply from the prompt it was sent: it finds
// the numbered passages (`[1] ...`) in the messages, picks the ones that share the most words with the question, and
// quotes their first sentence with the passage's number as a citation. With no passage it says the notes do not say.
// Replies stream as pieces of at most four characters (a token here is ceil(characters / 4), as for embeddings).

/** A chat message as /api/chat receives it. */
export interface FakeChatMessage {
  readonly role: string;
  readonly content: string;
}

/** Tokens of a text as the stand-in counts them. */
export function fakeTokenCount(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Tokens of a whole prompt: every message's content plus 4 for its role and separators (a chat template's cost). */
export function fakePromptTokens(messages: readonly FakeChatMessage[]): number {
  return messages.reduce((n, m) => n + fakeTokenCount(m.content) + 4, 0);
}

/** Splits a reply into the pieces a stream sends: fragments to append, at most four characters each. */
export function replyPieces(reply: string): string[] {
  return reply.match(/[\s\S]{1,4}/g) ?? [];
}

const STOP_WORDS = new Set(['what', 'when', 'where', 'which', 'with', 'about', 'that', 'this', 'from', 'have', 'does', 'your', 'notes', 'note', 'know', 'there', 'their']);

function words(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[\p{L}\p{N}]{4,}/gu) ?? []).filter((w) => !STOP_WORDS.has(w)));
}

/** The passages `[n] ...` found in the prompt, by number (the last message that has any wins). */
function passagesIn(messages: readonly FakeChatMessage[]): Map<number, string> {
  for (let i = messages.length - 1; i >= 0; i--) {
    const found = new Map<number, string>();
    const parts = messages[i]!.content.split(/^\[(\d+)\][ \t]*/m);
    for (let p = 1; p + 1 < parts.length; p += 2) found.set(Number(parts[p]), parts[p + 1]!.split(/\n\nQuestion:/)[0]!.trim());
    if (found.size > 0) return found;
  }
  return new Map();
}

/** The question: the text after the last "Question:" of the last user message, else that whole message. */
function questionIn(messages: readonly FakeChatMessage[]): string {
  const user = [...messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const at = user.lastIndexOf('Question:');
  return (at >= 0 ? user.slice(at + 'Question:'.length) : user).trim();
}

/** The first sentence of a passage's text (its first line is the title line and is skipped when there are more). */
function firstSentence(passage: string): string {
  const lines = passage.split('\n').filter((l) => l.trim() !== '');
  const body = (lines.length > 1 ? lines.slice(1) : lines).join(' ').replace(/\s+/g, ' ').trim();
  const match = /^.*?[.!?](?=\s|$)/.exec(body);
  const sentence = (match ? match[0] : body).slice(0, 240).trim();
  return sentence.replace(/[.!?]$/, '');
}

/** The stand-in's reply: up to two passages sharing words with the question, quoted with their numbers. */
export function composeReply(messages: readonly FakeChatMessage[]): string {
  const passages = passagesIn(messages);
  const question = words(questionIn(messages));
  const scored = [...passages]
    .map(([n, text]) => ({ n, text, overlap: [...words(text)].filter((w) => question.has(w)).length }))
    .filter((p) => p.overlap > 0)
    .sort((a, b) => b.overlap - a.overlap || a.n - b.n)
    .slice(0, 2);
  if (scored.length === 0) return 'The passages from your notes do not say.';
  return scored.map((p, i) => `${i === 0 ? 'Your notes say' : 'They also say'}: ${firstSentence(p.text)} [${p.n}].`).join(' ');
}
