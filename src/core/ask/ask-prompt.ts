// The words the chat model is given: the instructions (answer only from the passages, cite them as [n], say when
// they do not say), how each passage is presented, and the message that carries the passages and the question.
import type { AskPassage } from '../../shared/ask-models';

/** The system message: answer only from the numbered passages, cite each claim, admit when the notes do not say. */
export const ASK_SYSTEM_PROMPT = [
  "You answer questions about the user's own notes. You are given numbered passages from those notes.",
  'Rules:',
  '- Use only the passages. Do not use your own knowledge, and do not guess.',
  '- After every sentence that uses a passage, cite it with its number in square brackets, like [1] or [2, 3].',
  '- Cite only the numbers of passages you were given.',
  "- If the passages do not contain the answer, say that the notes do not say, in one sentence. Do not answer anyway.",
  '- Be brief and direct. Write in the language of the question.',
].join('\n');

/** The date a passage's note was written, as the model sees it (ISO day). */
function day(iso: string): string {
  return iso.slice(0, 10);
}

/** One passage as it appears in the prompt: `[n] Title (2026-03-02, #tag)` and its text. */
export function formatPassage(passage: Pick<AskPassage, 'number' | 'title' | 'createdAt' | 'tags' | 'text'>): string {
  const tags = passage.tags.length > 0 ? `, ${passage.tags.map((t) => `#${t}`).join(' ')}` : '';
  return `[${passage.number}] ${passage.title || 'Untitled'} (${day(passage.createdAt)}${tags})\n${passage.text}`;
}

/** The last user message: the passages, then the question. */
export function formatQuestionMessage(passageBlocks: readonly string[], question: string): string {
  return `Passages from my notes:\n\n${passageBlocks.join('\n\n')}\n\nQuestion: ${question}`;
}

/** The same message with no passages yet: what the question costs before any passage is added. */
export function questionMessageOverhead(question: string): string {
  return formatQuestionMessage([], question);
}
