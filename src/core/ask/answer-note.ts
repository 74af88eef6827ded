// An answer saved as a note: the question as title, the answer with its citation numbers, and the sources it cites,
// each linking to its note with a [[wikilink]] (as Obsidian writes them) and its note number.
import type { AskTurn } from '../../shared/ask-models';
import { analyseAnswer } from '../../shared/answer-citations';
import type { NewNote } from '../../shared/models';

/** The source kind of notes saved from Ask. */
export const ASK_SOURCE_KIND = 'ask';
/** The tag they carry. */
export const ASK_TAG = 'ask';

/** A title safe inside [[...]]: no brackets or pipes. */
function wikiTitle(title: string): string {
  return (title || 'Untitled').replace(/[[\]|]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** A short quote of a passage for the sources list. */
function excerpt(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, flat.lastIndexOf(' ', max) > max / 2 ? flat.lastIndexOf(' ', max) : max)}…`;
}

/** The note for a turn's answer; sources are the cited passages (every passage given when none was cited). */
export function answerNote(turn: AskTurn): NewNote {
  const { cited } = analyseAnswer(turn.answer, turn.passages.length);
  const sources = cited.length > 0 ? turn.passages.filter((p) => cited.includes(p.number)) : turn.passages;
  const lines = [`# ${turn.question}`, '', turn.answer.trim(), ''];
  if (turn.state === 'stopped' || turn.state === 'incomplete') lines.push('_(The answer was not finished.)_', '');
  if (sources.length > 0) {
    lines.push('## Sources', '');
    for (const p of sources) lines.push(`- **[${p.number}]** [[${wikiTitle(p.title)}]] (note ${p.noteId}, ${p.createdAt.slice(0, 10)}): “${excerpt(p.text)}”`);
    lines.push('');
  }
  lines.push(`Answered by ${turn.model ?? 'a local model'} from your notes on ${turn.createdAt.slice(0, 10)}.`);
  return {
    title: turn.question.length > 200 ? `${turn.question.slice(0, 199)}…` : turn.question,
    body: `${lines.join('\n')}\n`,
    tags: [ASK_TAG],
    source: { kind: ASK_SOURCE_KIND, path: null },
  };
}
