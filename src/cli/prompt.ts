// Asking the person at the terminal a yes/no question (re-embed confirmation).
import type { TextSink } from './output';
import type { InputSource } from './read-input';

/** Reads one line from the input (without its line break); the text so far at end of input. */
export async function readLine(input: InputSource): Promise<string> {
  let text = '';
  for await (const part of input) {
    text += typeof part === 'string' ? part : part.toString('utf8');
    const end = text.indexOf('\n');
    if (end >= 0) return text.slice(0, end).replace(/\r$/, '');
  }
  return text;
}

/** Writes the question on stderr and reads the answer; true only for y or yes (any case). */
export async function confirm(question: string, input: InputSource, sink: TextSink): Promise<boolean> {
  sink.write(`${question} [y/N] `);
  const answer = await readLine(input);
  return /^\s*y(es)?\s*$/i.test(answer);
}
