// `engram related ID`: the notes closest in meaning to one note, with the passages that matched.
import type { Command } from 'commander';
import type { RelatedNotes } from '../../shared/connection-models';
import { CliUsageError } from '../cli-error';
import { contextFor, type CliDeps } from '../cli-context';
import type { Styles } from '../output';
import { parseId, parsePositiveInt } from '../parse-args';
import { withEngine } from '../with-engine';

/** Most notes `related` lists (the API's own bound). */
const MAX_RELATED = 50;

/** Registers `related ID [--limit N]`. */
export function registerRelated(program: Command, deps: CliDeps): void {
  program
    .command('related')
    .summary('list the notes closest in meaning to a note')
    .description(
      'List the notes closest in meaning to a note, each with the passage that matched and the passage of this note it matched. ' +
        'Compares the vectors of the active model only; passages still waiting for embeddings are compared after `engram wait`.',
    )
    .argument('<id>', 'the note ID (a positive whole number)', parseId)
    .option('--limit <n>', `at most this many notes (1-${MAX_RELATED})`, parsePositiveInt, 10)
    .action(async (id: number, options: { limit: number }, command: Command) => {
      if (options.limit > MAX_RELATED) throw new CliUsageError(`--limit: at most ${MAX_RELATED} related notes can be listed.`);
      const ctx = contextFor(command, deps);
      const related = await withEngine(ctx, (engine) => engine.relatedNotes(id, { limit: options.limit }));
      if (ctx.json) ctx.out.printJson(related);
      else ctx.out.print(...formatRelated(related, ctx.out.styles));
    });
}

/** What the state means for the reader, or null when there is nothing to add. */
function stateLine(related: RelatedNotes): string | null {
  const n = related.pendingPassages;
  const passages = `${n} passage${n === 1 ? '' : 's'}`;
  switch (related.state) {
    case 'not-embedded':
      return `Note ${related.noteId} is not embedded yet: run \`engram wait\` (or open the app) to embed it, then ask again.`;
    case 'partly-embedded':
      return `${passages} of note ${related.noteId} still wait${n === 1 ? 's' : ''} for embeddings: run \`engram wait\` to compare ${n === 1 ? 'it' : 'them'} too.`;
    case 'nothing-to-compare':
      return `Note ${related.noteId} has nothing to compare: it is forgotten or has no text (\`engram restore ${related.noteId}\` brings a forgotten note back).`;
    default:
      return null;
  }
}

/** Related notes as human lines: one line per note (similarity, title, id), its matching passage indented below. */
export function formatRelated(related: RelatedNotes, styles: Styles): string[] {
  const lines: string[] = [];
  const state = stateLine(related);
  if (related.notes.length === 0 && related.state !== 'not-embedded' && related.state !== 'nothing-to-compare') lines.push('No other notes to compare with.');
  const firstLess = related.notes.findIndex((n) => n.lessRelated);
  related.notes.forEach((note, index) => {
    if (index === firstLess) lines.push(...(index > 0 ? [''] : []), styles.dim('Less related:'));
    lines.push(`${note.similarity.toFixed(2)}  ${styles.bold(note.title)}  ${styles.dim(`note ${note.noteId}`)}`);
    lines.push(`      ${oneLine(note.passage)}`);
  });
  if (state) lines.push(...(lines.length ? [''] : []), state);
  return lines;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
