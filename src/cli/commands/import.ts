// `engram import PATH`: preview (--dry-run) or run an import of a folder, vault or export file, and print its report.
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { ImportPreview, ImportProgress, ImportReport, ImportRequest, MissingEntry, ReportProblem } from '../../core/import/import-models';
import { IMPORT_FORMATS } from '../../core/importers/import-types';
import type { RequestedFormat } from '../../core/importers/source-format';
import { contextFor, type CliContext, type CliDeps } from '../cli-context';
import { CliExit, EXIT_USER_ERROR } from '../cli-error';
import { formatTags } from '../format';
import type { TextSink } from '../output';
import { collect, parsePositiveInt } from '../parse-args';
import { formatDuration } from '../progress-bar';
import { withEngine } from '../with-engine';

interface ImportOptions {
  readonly format: RequestedFormat;
  readonly dryRun?: boolean;
  readonly deleteMissing?: boolean;
  readonly exclude?: string[];
  readonly maxFileMb?: number;
  readonly followLinks?: boolean;
  readonly yes?: boolean;
}

/** How many entries of each list the human report shows (--json has them all). */
const SHOWN = 15;

/** Registers `import PATH` with --format, --dry-run, --delete-missing, --yes, --exclude, --max-file-mb and --follow-links. */
export function registerImport(program: Command, deps: CliDeps): void {
  program
    .command('import')
    .summary('import a folder, an Obsidian vault, or an export file (HTML, PDF, JSON, ENEX, ChatGPT)')
    .description(
      'Import notes. Run it again to pick up changes: unchanged notes are left alone, edited ones updated, and notes\n' +
        'whose files are gone are reported (forgotten, restorably, only with --delete-missing). An interrupted import\n' +
        'resumes where it stopped when run again. Notes are keyword-searchable at once; run `engram wait` to embed them.',
    )
    .argument('<path>', 'a folder, an Obsidian vault, or one file')
    .addOption(new Option('--format <format>', 'the source format').choices(['auto', ...IMPORT_FORMATS]).default('auto'))
    .option('--dry-run', 'show what would be imported, skipped and updated, and how long embedding would take; change nothing')
    .option('--delete-missing', 'forget notes whose files (or records) disappeared since the last import (restorable with `engram restore`)')
    .option('--yes', 'with --delete-missing: forget them even when they are more than a small share of the source (see docs/IMPORT.md)')
    .option('--exclude <pattern>', 'leave out paths matching a .gitignore-style pattern; repeat for several', collect)
    .option('--max-file-mb <n>', 'skip files larger than this many megabytes (default 50)', parsePositiveInt)
    .option('--follow-links', 'also follow symbolic links that lead outside the folder (by default they are skipped, with the reason)')
    .action(async (source: string, options: ImportOptions, command: Command) => {
      const ctx = contextFor(command, deps);
      const request: ImportRequest = {
        path: path.resolve(deps.cwd, source),
        format: options.format,
        deleteMissing: options.deleteMissing === true,
        exclude: options.exclude ?? [],
        maxFileBytes: options.maxFileMb ? options.maxFileMb * 1024 * 1024 : undefined,
        followLinks: options.followLinks === true,
        confirmForget: options.yes === true,
      };
      if (options.dryRun) {
        const preview = await withEngine(ctx, (engine) => engine.previewImport(request));
        if (ctx.json) ctx.out.printJson(preview);
        else printPreview(ctx, preview);
        return;
      }
      const showProgress = !ctx.json || deps.stderr.isTTY === true;
      const report = await withEngine(ctx, async (engine) => {
        const api = engine;
        const unsubscribe = showProgress ? api.onImportProgress(progressPrinter(deps.stderr)) : () => undefined;
        try {
          return await api.runImport(request);
        } finally {
          unsubscribe();
        }
      });
      if (ctx.json) ctx.out.printJson(report);
      else printReport(ctx, report);
      // the import itself went through; what was asked and not done is the person's to settle: exit 1, one line
      if (report.forgetHeld) throw new CliExit(EXIT_USER_ERROR, `${report.forgetHeld} To confirm, run the import again with --yes.`);
    });
}

/** The engine's import methods; a clear error on a build that lacks them. */

/** Progress on stderr: one redrawn line on a terminal, a line a second otherwise. */
function progressPrinter(sink: TextSink): (progress: ImportProgress) => void {
  let last = 0;
  return (p) => {
    if (p.phase === 'scanning') return;
    const now = Date.now();
    const final = p.phase === 'done';
    if (!final && now - last < (sink.isTTY ? 100 : 1000)) return;
    last = now;
    const file = p.file && p.file.done < p.file.total ? ` (${path.basename(p.file.path)}: page ${p.file.done.toLocaleString('en')} of ${p.file.total.toLocaleString('en')})` : '';
    const line = `importing: ${p.filesParsed}/${p.filesTotal} files, ${p.notesStored} notes stored, ${p.embeddings.done} embedded${file}`;
    sink.write(sink.isTTY ? `\r\x1b[K${line}${final ? '\n' : ''}` : `${line}\n`);
  };
}

/** The import preview as human lines (also `engram sources add --dry-run`). */
export function printPreview(ctx: CliContext, preview: ImportPreview): void {
  const { counts, estimate } = preview;
  const { bold, dim } = ctx.out.styles;
  const kinds = Object.entries(counts.byKind).map(([kind, n]) => `${n} ${kind}`).join(', ') || 'none';
  ctx.out.print(`${bold('Dry run')}: ${preview.source.path} (${preview.source.format}), ${counts.files} file${counts.files === 1 ? '' : 's'}. Nothing was changed.`);
  ctx.out.print(`Notes found: ${kinds}. Would import ${counts.imported}, update ${counts.updated}, leave ${counts.unchanged} unchanged (already imported).`);
  if (counts.attachments) ctx.out.print(`Attachments skipped: ${counts.attachments}.`);
  if (preview.resumes) ctx.out.print(`An interrupted import of this source (${preview.resumes.filesDone} files done) will be resumed.`);
  const eta = estimate.seconds === null ? 'unknown (the model could not be measured)' : formatDuration(estimate.seconds);
  ctx.out.print(`Embedding: ${estimate.chunks} chunk${estimate.chunks === 1 ? '' : 's'}${estimate.chunksPerSecond ? ` at ${estimate.chunksPerSecond.toFixed(1)}/s` : ''}, about ${eta}.`);
  if (preview.samples.length) ctx.out.print('', bold('As they will look:'));
  for (const note of preview.samples) {
    const tags = note.tags.length ? `  ${formatTags(note.tags)}` : '';
    const excerpt = note.body.replace(/\s+/g, ' ').trim().slice(0, 160);
    ctx.out.print(`  ${bold(note.title)}${tags}`, `    ${dim(excerpt)}`);
  }
  printProblems(ctx, 'Would skip', preview.skipped);
  printProblems(ctx, 'Would fail', preview.failed);
  printProblems(ctx, 'Would import with a warning', preview.warnings);
  printMissing(ctx, preview.missing, false);
  if (preview.missing.length && preview.forget.action !== 'forget') ctx.out.print(`With --delete-missing: ${preview.forget.reason}`);
}

/** The import report as human lines (also the first pass of `engram sources add`). */
export function printReport(ctx: CliContext, report: ImportReport): void {
  const { counts } = report;
  const { bold } = ctx.out.styles;
  const verb = report.state === 'cancelled' ? 'Stopped importing' : report.resumed ? 'Finished importing (resumed)' : 'Imported';
  ctx.out.print(`${bold(verb)} ${report.source.path} (${report.source.format}) in ${formatDuration(report.tookMs / 1000)}:`);
  ctx.out.print(`  ${counts.imported} new, ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.skipped} skipped, ${counts.failed} failed${counts.attachments ? `, ${counts.attachments} attachments not imported` : ''}.`);
  for (const entry of report.updated.slice(0, SHOWN)) ctx.out.print(`  updated: ${entry.title} (${entry.reason})`);
  printProblems(ctx, 'Skipped', report.skipped);
  printProblems(ctx, 'Failed', report.failed);
  printProblems(ctx, 'Imported with a warning', report.warnings);
  printMissing(ctx, report.missing, true);
  if (report.state === 'cancelled') ctx.out.print('Run the same command again to continue where it stopped.');
  if (report.embeddingsPending > 0) {
    ctx.out.print(`Keyword search finds the notes now; ${report.embeddingsPending} chunks are queued for embedding. Run \`engram wait\` (or open the app) to make them searchable by meaning.`);
  }
}

function printProblems(ctx: CliContext, label: string, problems: readonly ReportProblem[]): void {
  if (problems.length === 0) return;
  ctx.out.print(`${label} (${problems.length}):`);
  for (const p of problems.slice(0, SHOWN)) ctx.out.print(`  ${p.path}: ${p.reason}`);
  if (problems.length > SHOWN) ctx.out.print(`  ... and ${problems.length - SHOWN} more (--json lists them all)`);
}

function printMissing(ctx: CliContext, missing: readonly MissingEntry[], ran: boolean): void {
  if (missing.length === 0) return;
  const forgotten = missing.filter((m) => m.forgotten).length;
  ctx.out.print(
    forgotten
      ? `Forgot ${forgotten} note${forgotten === 1 ? '' : 's'} whose files are gone (\`engram restore ID\` brings one back):`
      : `${missing.length} note${missing.length === 1 ? '' : 's'} came from files that are gone${ran ? '' : ' (would be reported)'}; --delete-missing forgets them:`,
  );
  for (const m of missing.slice(0, SHOWN)) ctx.out.print(`  ${m.title} (note ${m.noteId}, ${m.path})`);
  if (missing.length > SHOWN) ctx.out.print(`  ... and ${missing.length - SHOWN} more`);
}
