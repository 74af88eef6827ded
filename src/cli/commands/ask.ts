// `engram ask QUESTION`: an answer from a local chat model, grounded in the notes, streamed to the terminal.
import { randomUUID } from 'node:crypto';
import type { Command } from 'commander';
import { analyseAnswer } from '../../shared/answer-citations';
import type { AskEvent, AskPassage, AskTurn } from '../../shared/ask-models';
import { contextFor, type CliDeps } from '../cli-context';
import { CliExit, CliUsageError } from '../cli-error';
import { addFilterOptions, toQueryFilter, type FilterOptions } from '../filter-options';
import { formatDate } from '../format';
import type { Styles, TextSink } from '../output';
import { parsePositiveInt } from '../parse-args';
import { withEngine } from '../with-engine';

interface AskCliOptions extends FilterOptions {
  readonly model?: string;
  readonly thread?: number;
  readonly save?: boolean;
}

/** What `ask --json` prints: the turn, and the note it was saved as with --save. */
export interface AskJson {
  readonly turn: AskTurn;
  readonly savedNoteId: number | null;
}

/** Registers `ask QUESTION` with --model, --thread, --save and the search filters. */
export function registerAsk(program: Command, deps: CliDeps): void {
  const command = program
    .command('ask')
    .summary('answer a question from your notes with a local chat model (Ollama)')
    .description(
      'Answer a question from your notes. The question runs through recall (with the same filters as `recall`), the ' +
        'best passages go to a chat model in Ollama on this machine, and the answer streams in with numbered ' +
        'citations [1] of the notes it used. When no note is relevant, it says so and shows the closest notes instead. ' +
        'Ctrl-C stops the answer (what streamed is kept in the thread).',
    )
    .argument('<question...>', 'the question (several words are joined with spaces)')
    .option('--model <name>', 'the Ollama chat model (default: `engram config set chat-model`, else the first installed)')
    .option('--thread <id>', 'ask a follow-up in this thread (its id is printed after each answer)', parsePositiveInt)
    .option('--save', 'save the answer as a note with links to its sources');
  addFilterOptions(command).action(async (words: string[], options: AskCliOptions, cmd: Command) => {
    const ctx = contextFor(cmd, deps);
    const question = words.join(' ').trim();
    if (!question) throw new CliUsageError('The question is empty: say what you want to know.');
    const filters = toQueryFilter(options);
    const requestId = randomUUID();
    const display = new AskDisplay(ctx.json ? null : ctx.out.stdout, ctx.deps.stderr);
    const result = await withEngine(ctx, async (engine, session) => {
      const unsubscribe = engine.onAskEvent((event) => {
        if (event.requestId === requestId) display.event(event);
      });
      try {
        const asking = engine.ask({
          requestId,
          question,
          threadId: options.thread ?? null,
          ...(options.model?.trim() ? { model: options.model.trim() } : {}),
          filters,
        });
        session.onInterrupt = async () => {
          await engine.stopAsk(requestId);
          const turn = await asking.catch(() => null);
          display.end();
          return turn?.threadId ? `stopped; the unfinished answer is kept in thread ${turn.threadId}.` : 'stopped.';
        };
        const turn = await asking;
        session.onInterrupt = null;
        const saved = options.save && turn.id !== null && turn.answer.trim() !== '' && turn.state !== 'no-relevant-notes' ? await engine.saveAskAnswer(turn.id) : null;
        return { turn, savedNoteId: saved?.note.id ?? null };
      } finally {
        unsubscribe();
        display.end();
      }
    });
    const { turn } = result;
    if (ctx.json) ctx.out.printJson(result satisfies AskJson);
    else ctx.out.print(...formatAskFooter(turn, result.savedNoteId, ctx.out.styles));
    if (turn.state === 'unavailable') throw new CliExit(1, turn.problem?.message ?? 'Ask cannot answer right now.');
    if (turn.state === 'incomplete') throw new CliExit(1, `${turn.error ?? 'the answer is incomplete.'} What streamed is kept in thread ${turn.threadId}; ask again to retry.`);
  });
}

const STATUS_TEXT: Record<string, (model: string | null) => string> = {
  recalling: () => 'searching your notes…',
  thinking: (model) => `${model ?? 'the model'} is reading the passages…`,
  'loading-model': (model) => `loading ${model ?? 'the model'}… (the first answer after a while can take a minute)`,
};

/**
 * Shows a running question: answer pieces straight to stdout as they stream; the status (searching, loading the
 * model) on stderr, redrawn in place on a terminal and cleared by the first piece, or one line when piped.
 */
class AskDisplay {
  private statusShown = false;
  private answered = false;
  private loadingNoted = false;

  constructor(
    private readonly stdout: TextSink | null,
    private readonly stderr: TextSink,
  ) {}

  event(event: AskEvent): void {
    if (event.kind === 'status') this.status(event.phase, event.model);
    else if (event.kind === 'token') {
      this.clearStatus();
      this.answered = true;
      this.stdout?.write(event.text);
    } else if (event.kind === 'done') this.end();
  }

  /** Clears the status and ends the streamed answer's line. */
  end(): void {
    this.clearStatus();
    if (this.answered) this.stdout?.write('\n');
    this.answered = false;
  }

  private status(phase: string, model: string | null): void {
    const text = STATUS_TEXT[phase]?.(model);
    if (!text || this.answered) return;
    if (this.stderr.isTTY) {
      this.stderr.write(`\r\x1b[2K${text}`);
      this.statusShown = true;
    } else if (phase === 'loading-model' && !this.loadingNoted) {
      this.loadingNoted = true;
      this.stderr.write(`engram: ${text}\n`);
    }
  }

  private clearStatus(): void {
    if (this.statusShown) this.stderr.write('\r\x1b[2K');
    this.statusShown = false;
  }
}

/** One note line: `[1] Title  2026-03-02  note 12`. */
function noteLine(p: AskPassage, styles: Styles, cited: boolean | null): string {
  const label = p.number > 0 ? `[${p.number}] ` : '';
  const extra = cited === false ? styles.dim('  (not cited)') : '';
  return `  ${label}${styles.bold(p.title || 'Untitled')}  ${formatDate(p.createdAt)}  ${styles.dim(`note ${p.noteId}`)}${extra}`;
}

/** What follows the streamed answer: the sources, the closest notes or what to do, the thread, and notices. */
export function formatAskFooter(turn: AskTurn, savedNoteId: number | null, styles: Styles): string[] {
  const lines: string[] = [];
  if (turn.state === 'no-relevant-notes') {
    lines.push(turn.answer);
  }
  if (turn.state === 'no-relevant-notes' || turn.state === 'unavailable') {
    if (turn.state === 'unavailable' && turn.closest.length > 0) lines.push('Notes that match your question (search works without a chat model):');
    for (const note of turn.closest) lines.push(noteLine(note, styles, null), `    ${styles.dim(note.text.replace(/\s+/g, ' ').slice(0, 160))}`);
    return lines;
  }
  const { cited } = analyseAnswer(turn.answer, turn.passages.length);
  if (turn.passages.length > 0) {
    lines.push('', styles.bold('Sources'));
    for (const p of turn.passages) lines.push(noteLine(p, styles, cited.includes(p.number)));
  }
  const meta = [turn.threadId ? `thread ${turn.threadId}` : null, turn.model].filter(Boolean).join(' · ');
  if (meta) lines.push('', styles.dim(`${meta} · follow up with: engram ask --thread ${turn.threadId} "…"`));
  if (savedNoteId !== null) lines.push(`Saved as note ${savedNoteId}.`);
  for (const notice of turn.notices) lines.push(styles.dim(notice));
  return lines;
}
