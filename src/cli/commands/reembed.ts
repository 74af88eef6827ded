// `engram reembed`: move the memory to another embedding model without search downtime, and steer that job.
import { Option, type Command } from 'commander';
import type { ReembedPlan, ReembedStatus, SpaceSummary } from '../../shared/models';
import { contextFor, type CliContext, type CliDeps, type CliEngine } from '../cli-context';
import { CliUsageError } from '../cli-error';
import { embeddingChoice, PROVIDERS } from '../embedding-choice';
import { formatBytes, formatDateTime, formatFields, formatModel } from '../format';
import { parsePositiveInt } from '../parse-args';
import { createProgressReporter, formatDuration } from '../progress-bar';
import { confirm } from '../prompt';
import { withEngine, type EngineSession } from '../with-engine';

interface ReembedOptions {
  readonly provider?: string;
  readonly model?: string;
  readonly dimensions?: number;
  readonly yes?: boolean;
  readonly resume?: boolean;
  readonly pause?: boolean;
  readonly cancel?: boolean;
  readonly undo?: boolean;
  readonly status?: boolean;
}

/** What `reembed --provider ... --json` and `reembed --resume --json` print. */
export interface ReembedRunJson {
  /** The plan (start only). */
  readonly plan?: ReembedPlan;
  /** Whether a re-embed was started (false when the model is already active, or the question was declined). */
  readonly started?: boolean;
  /** Whether the memory now uses the new model. */
  readonly switched: boolean;
  /** Chunks embedded by this run (old and new space). */
  readonly embedded: number;
  readonly tookMs: number;
  readonly status: ReembedStatus;
}

const ACTIONS = ['resume', 'pause', 'cancel', 'undo', 'status'] as const;

/** Registers `reembed` with --provider/--model/--dimensions/--yes and --resume/--pause/--cancel/--undo/--status. */
export function registerReembed(program: Command, deps: CliDeps): void {
  program
    .command('reembed')
    .summary('switch the memory to another embedding model (re-embeds every passage; search keeps working)')
    .description(
      'Re-embed every passage with another model. The new vectors are built beside the current ones (recall keeps ' +
        'using the current model), checked, and switched to at once; the previous model stays restorable with --undo ' +
        'for a week. Shows the plan (passages, time, disk) and asks before starting, unless --yes. Ctrl-C pauses; ' +
        '`engram reembed --resume` continues.',
    )
    .addOption(new Option('--provider <provider>', 'the new model\'s provider').choices(PROVIDERS))
    .option('--model <name>', 'the Ollama model (with --provider ollama)')
    .option('--dimensions <n>', 'ask a Matryoshka model for fewer dimensions (with --provider ollama)', parsePositiveInt)
    .option('-y, --yes', 'start without asking (needed when not on a terminal)')
    .option('--resume', 'continue a paused or interrupted re-embed until it switches')
    .option('--pause', 'pause the re-embed (search keeps using the current model)')
    .option('--cancel', 'stop the re-embed and drop its vectors')
    .option('--undo', 'go back to the previous model (during its undo period)')
    .option('--status', 'show the re-embed job: progress, the active model, what undo would restore')
    .action(async (options: ReembedOptions, command: Command) => {
      const ctx = contextFor(command, deps);
      const action = pickAction(options);
      if (action === 'start') {
        const choice = embeddingChoice(options.provider!, options.model, options.dimensions);
        await withEngine(ctx, (engine, session) => startReembed(ctx, engine, session, choice, options.yes === true));
        return;
      }
      if (action === 'resume') {
        await withEngine(ctx, async (engine, session) => {
          const started = Date.now();
          const resumed = await engine.resumeReembed();
          const target = resumed.building!;
          if (!ctx.json) ctx.out.print(`Resuming the re-embed into ${formatModel(target)}: ${target.embedded} of ${target.embedded + target.pending} passages done.`);
          const run = await drainUntilSwitched(ctx, engine, session, target.id);
          if (!run) return;
          finishRun(ctx, { switched: true, embedded: run.embedded, tookMs: Date.now() - started, status: run.status });
        });
        return;
      }
      const { status, cancelled } = await withEngine(ctx, async (engine) => {
        if (action === 'status') return { status: await engine.reembedStatus(), cancelled: null };
        if (action === 'pause') return { status: await engine.pauseReembed(), cancelled: null };
        if (action === 'undo') return { status: await engine.undoReembed(), cancelled: null };
        const before = await engine.reembedStatus();
        return { status: await engine.cancelReembed(), cancelled: before.building };
      });
      if (ctx.json) ctx.out.printJson(status);
      else if (action === 'undo') ctx.out.print(...formatUndo(status));
      else if (action === 'pause') ctx.out.print(status.message);
      else if (action === 'cancel') {
        ctx.out.print(
          `Cancelled the re-embed${cancelled ? ` into ${formatModel(cancelled)}` : ''}; its vectors were dropped. ` +
            `Recall keeps using ${status.active ? formatModel(status.active) : 'the current model'}.`,
        );
      } else ctx.out.print(...formatReembedStatus(status, ctx));
    });
}

/** Which form was asked for; exactly one of --provider and the action flags. */
function pickAction(options: ReembedOptions): 'start' | (typeof ACTIONS)[number] {
  const chosen = ACTIONS.filter((a) => options[a] === true);
  const starting = options.provider !== undefined;
  if (chosen.length + (starting ? 1 : 0) !== 1) {
    throw new CliUsageError(
      chosen.length + (starting ? 1 : 0) === 0
        ? 'Say what to do: --provider P [--model M] to start a re-embed, or one of --status, --resume, --pause, --cancel, --undo.'
        : `Give only one of --provider, ${ACTIONS.map((a) => `--${a}`).join(', ')}.`,
    );
  }
  if (!starting && (options.model !== undefined || options.dimensions !== undefined || options.yes)) {
    throw new CliUsageError('--model, --dimensions and --yes go with --provider (starting a re-embed).');
  }
  return starting ? 'start' : chosen[0]!;
}

async function startReembed(
  ctx: CliContext,
  engine: CliEngine,
  session: EngineSession,
  choice: Parameters<CliEngine['planReembed']>[0],
  yes: boolean,
): Promise<void> {
  const started = Date.now();
  const running = await engine.reembedStatus();
  if (running.building) {
    throw new CliUsageError(
      `A re-embed into ${formatModel(running.building)} is already ${running.phase === 'paused' ? 'paused' : 'under way'}: ` +
        'continue it with `engram reembed --resume`, or drop it with `engram reembed --cancel`.',
    );
  }
  const plan = await engine.planReembed(choice);
  if (!ctx.json) ctx.out.print(...formatPlan(plan, ctx));
  if (plan.sameAsActive) {
    if (ctx.json) ctx.out.printJson({ plan, started: false, switched: false, embedded: 0, tookMs: Date.now() - started, status: running } satisfies ReembedRunJson);
    return;
  }
  if (!yes) {
    if (ctx.deps.stdin.isTTY !== true) {
      throw new CliUsageError('Re-embedding needs a confirmation: run it on a terminal to be asked, or pass --yes to start it now.');
    }
    if (!(await confirm('Start the re-embed?', ctx.deps.stdin, ctx.deps.stderr))) {
      if (ctx.json) ctx.out.printJson({ plan, started: false, switched: false, embedded: 0, tookMs: Date.now() - started, status: running } satisfies ReembedRunJson);
      else ctx.out.print('Nothing was changed.');
      return;
    }
  }
  await engine.startReembed(choice);
  const target = (await engine.reembedStatus()).building!;
  const run = await drainUntilSwitched(ctx, engine, session, target.id);
  if (!run) return;
  finishRun(ctx, { plan, started: true, switched: true, embedded: run.embedded, tookMs: Date.now() - started, status: run.status });
}

/**
 * Embeds the queue (both spaces) with progress until the building space has been validated and switched to.
 * Ctrl-C pauses the re-embed (and says how to resume); the result is then null and the command exits 130.
 */
async function drainUntilSwitched(
  ctx: CliContext,
  engine: CliEngine,
  session: EngineSession,
  targetId: number,
): Promise<{ embedded: number; status: ReembedStatus } | null> {
  session.onInterrupt = async () => {
    // Pausing keeps the job from resuming on its own (the app would); closing the engine then ends the drain.
    const paused = await engine.pauseReembed();
    return (
      `interrupted; the re-embed is paused. Search keeps using ${paused.active ? formatModel(paused.active) : 'the current model'}. ` +
      'Continue with `engram reembed --resume` (`engram reembed --status` shows how far it got).'
    );
  };
  const showProgress = !ctx.json || ctx.deps.stderr.isTTY === true;
  const reporter = showProgress ? createProgressReporter(ctx.deps.stderr, 're-embedding') : null;
  const unsubscribe = engine.onProgress((p) => {
    if (p.kind === 'embedding') reporter?.update(p.done, p.total);
  });
  let embedded = 0;
  try {
    for (;;) {
      const count = await engine.drainQueue();
      embedded += count;
      if (session.interrupted) return null;
      const status = await engine.reembedStatus();
      if (status.active?.id === targetId && status.phase === 'idle') return { embedded, status };
      if (!status.building || status.building.id !== targetId) {
        throw new CliUsageError(`The re-embed stopped without switching: ${status.message}`);
      }
      if (status.phase === 'blocked' || status.phase === 'paused' || count === 0) {
        const b = status.building;
        throw new CliUsageError(
          status.phase === 'building' && b.pending > 0
            ? `The re-embed is not finished: ${b.pending} passages wait for a retry after a failed attempt (is the model reachable? \`engram ollama doctor\` checks). Run \`engram reembed --resume\` later.`
            : status.message,
        );
      }
    }
  } finally {
    unsubscribe();
    reporter?.finish();
    session.onInterrupt = null;
  }
}

function finishRun(ctx: CliContext, run: ReembedRunJson): void {
  if (ctx.json) {
    ctx.out.printJson(run);
    return;
  }
  const { active, undo } = run.status;
  const passages = active ? `: ${active.embedded} passage${active.embedded === 1 ? '' : 's'}${run.plan?.derived ? ', cut from the stored vectors' : ''}` : '';
  ctx.out.print(`Switched to ${active ? formatModel(active) : 'the new model'} in ${formatDuration(run.tookMs / 1000)}${passages}. Recall uses it now.`);
  if (undo) ctx.out.print(undoLine(undo));
}

function undoLine(undo: SpaceSummary): string {
  const until = undo.purgeAfter ? ` until ${formatDateTime(undo.purgeAfter)}` : '';
  return `The previous model, ${formatModel(undo)}, is kept${until}: \`engram reembed --undo\` goes back to it.`;
}

/** The plan as human lines: what, how many passages, how long, how much disk. */
export function formatPlan(plan: ReembedPlan, ctx: CliContext): string[] {
  const time = plan.derived
    ? 'none: derived from the stored vectors, no model calls'
    : plan.estimatedSeconds === null
      ? 'nothing to embed'
      : `about ${formatDuration(plan.estimatedSeconds)} (measured on a sample)`;
  const lines = [`${ctx.out.styles.bold('Re-embed into')} ${formatModel(plan.chosen)}`];
  if (!plan.sameAsActive) {
    lines.push(
      ...formatFields(
        [
          ['Passages', String(plan.chunks)],
          ['Estimated time', time],
          ['Estimated disk', formatBytes(plan.estimatedBytes)],
        ],
        ctx.out.styles,
      ),
    );
  }
  lines.push(plan.message);
  return lines;
}

/** `reembed --status` as human lines. */
export function formatReembedStatus(status: ReembedStatus, ctx: CliContext): string[] {
  const b = status.building;
  const job = b
    ? `${status.phase}: ${formatModel(b)}, ${b.embedded} of ${b.embedded + b.pending} passages (${Math.floor(b.coverage * 100)}%)` +
      `${b.failed ? `, ${b.failed} failed` : ''}${status.etaSeconds !== null && status.phase === 'building' ? `, about ${formatDuration(status.etaSeconds)} left` : ''}`
    : 'none';
  const rows: [string, string][] = [
    ['Re-embed', job],
    ['Active model', status.active ? `${formatModel(status.active)}, ${status.active.embedded} passages embedded` : 'none'],
  ];
  if (status.undo) {
    rows.push(['Undo', `${formatModel(status.undo)}${status.undo.purgeAfter ? ` until ${formatDateTime(status.undo.purgeAfter)}` : ''} (engram reembed --undo)`]);
  }
  return [...formatFields(rows, ctx.out.styles), '', status.message];
}

/** `reembed --undo` as human lines. */
function formatUndo(status: ReembedStatus): string[] {
  const lines = [`Back to ${status.active ? formatModel(status.active) : 'the previous model'}; recall uses it now.`];
  if (status.undo) lines.push(`The model you left, ${formatModel(status.undo)}, is kept${status.undo.purgeAfter ? ` until ${formatDateTime(status.undo.purgeAfter)}` : ''}: \`engram reembed --undo\` switches back.`);
  const pending = status.active?.pending ?? 0;
  if (pending > 0) lines.push(`${pending} passages added since the switch are queued for it: run \`engram wait\` (or open the app).`);
  return lines;
}
