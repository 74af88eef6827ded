// `engram sources ...`: connect a Markdown folder or Obsidian vault (its files stay the truth), list, sync, remove.
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { ImportProgress } from '../../core/import/import-models';
import { IMPORT_FORMATS } from '../../core/importers/import-types';
import type { RequestedFormat } from '../../core/importers/source-format';
import type { AddSourceRequest, SourceSummary, SourceSyncReport } from '../../core/sources/source-models';
import { contextFor, type CliContext, type CliDeps } from '../cli-context';
import { CliUsageError } from '../cli-error';
import { formatDateTime, formatTable } from '../format';
import { collect, parsePositiveInt } from '../parse-args';
import { withEngine } from '../with-engine';
import { printPreview, printReport } from './import';
import { registerSourcesWatch } from './sources-watch';

interface AddOptions {
  readonly format: RequestedFormat;
  readonly exclude?: string[];
  readonly maxFileMb?: number;
  readonly dryRun?: boolean;
}

/** Registers `sources` with add, list, remove, sync and watch. */
export function registerSources(program: Command, deps: CliDeps): void {
  const sources = program
    .command('sources')
    .summary('connected folders: a Markdown folder or Obsidian vault kept in the memory, the files being the truth')
    .description(
      'Connect a folder (a Markdown folder or an Obsidian vault). Its first pass is an import; from then on, while the\n' +
        'memory is open (the app, `engram sources watch`, or `engram mcp` holding it), every file created, edited,\n' +
        'renamed, moved or deleted is reflected by itself. Short commands such as this one bring folders up to date with\n' +
        '`sources sync`. See docs/FOLDERS.md.',
    );

  sources
    .command('add')
    .summary('connect a folder (its first pass is an import, with the same report)')
    .argument('<path>', 'the folder or vault')
    .addOption(new Option('--format <format>', 'how to read its files').choices(['auto', ...IMPORT_FORMATS]).default('auto'))
    .option('--exclude <pattern>', 'leave out paths matching a .gitignore-style pattern; repeat for several', collect)
    .option('--max-file-mb <n>', 'leave out files larger than this many megabytes (default 50)', parsePositiveInt)
    .option('--dry-run', 'show what the first pass would import; connect nothing')
    .action(async (folder: string, options: AddOptions, command: Command) => {
      const ctx = contextFor(command, deps);
      const request: AddSourceRequest = {
        path: path.resolve(deps.cwd, folder),
        format: options.format,
        exclude: options.exclude ?? [],
        maxFileBytes: options.maxFileMb ? options.maxFileMb * 1024 * 1024 : undefined,
      };
      if (options.dryRun) {
        const preview = await withEngine(ctx, (engine) => engine.previewSource(request));
        if (ctx.json) ctx.out.printJson(preview);
        else printPreview(ctx, preview);
        return;
      }
      const result = await withEngine(ctx, async (engine) => {
        const stop = !ctx.json || deps.stderr.isTTY ? engine.onImportProgress(progressLine(ctx)) : () => undefined;
        try {
          return await engine.addSource(request);
        } finally {
          stop();
        }
      });
      if (ctx.json) {
        ctx.out.printJson(result);
        return;
      }
      printReport(ctx, result.report);
      if (result.report.state === 'completed') {
        ctx.out.print(
          `Connected folder ${result.source.id}: ${result.source.root} (${result.source.notes} notes).`,
          'It stays current while the memory is open (the app, `engram sources watch`); `engram sources sync` catches up now.',
        );
      } else {
        ctx.out.print('Connecting was cancelled; the notes read so far stay. Run the same command again to connect it.');
      }
    });

  sources
    .command('list')
    .summary('connected folders with their state, note count and last change')
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextFor(command, deps);
      const list = await withEngine(ctx, (engine) => engine.listSources());
      if (ctx.json) ctx.out.printJson({ sources: list });
      else ctx.out.print(...formatSources(list, ctx));
    });

  sources
    .command('remove')
    .summary('disconnect a folder; its notes are forgotten (restorable) unless --keep-notes; files are never touched')
    .argument('<id>', 'the folder id (see `engram sources list`)', parseId)
    .option('--keep-notes', 'keep its notes as ordinary notes')
    .action(async (id: number, options: { keepNotes?: boolean }, command: Command) => {
      const ctx = contextFor(command, deps);
      const result = await withEngine(ctx, (engine) => engine.removeSource(id, { keepNotes: options.keepNotes === true }));
      if (ctx.json) ctx.out.printJson(result);
      else {
        ctx.out.print(
          `Disconnected ${result.source.root}. ` +
            (options.keepNotes
              ? `Its ${result.keptNotes} notes stay as ordinary notes.`
              : `Its ${result.forgottenNotes} notes were forgotten (restore one with \`engram restore ID\`); the files were not touched.`),
        );
      }
    });

  sources
    .command('sync')
    .summary('bring every folder (or one) up to date now; --yes lets a large held-back forget go ahead')
    .argument('[id]', 'one folder (default: all)', parseId)
    .option('--yes', 'forget the notes of files that are gone even when that is a large share of a folder')
    .action(async (id: number | undefined, options: { yes?: boolean }, command: Command) => {
      const ctx = contextFor(command, deps);
      const reports = await withEngine(ctx, (engine) => engine.syncSources(id, { confirmForget: options.yes === true }));
      if (ctx.json) ctx.out.printJson({ reports });
      else for (const report of reports) ctx.out.print(...formatSync(report));
      if (reports.length === 0 && !ctx.json) ctx.out.print('No folder is connected. Connect one with `engram sources add PATH`.');
    });

  registerSourcesWatch(sources, deps);
}

function parseId(value: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new CliUsageError(`"${value}" is not a folder id; see \`engram sources list\`.`);
  return id;
}

/** Progress of the first pass on stderr. */
function progressLine(ctx: CliContext): (progress: ImportProgress) => void {
  let last = 0;
  return (p) => {
    if (p.phase !== 'importing' || Date.now() - last < 1000) return;
    last = Date.now();
    ctx.out.note(`reading: ${p.filesParsed}/${p.filesTotal} files, ${p.notesStored} notes stored`);
  };
}

/** The folders as a table, then each one's reason and problems. */
export function formatSources(list: readonly SourceSummary[], ctx: CliContext): string[] {
  if (list.length === 0) return ['No folder is connected. Connect one with `engram sources add PATH`.'];
  const rows = list.map((s) => [
    String(s.id),
    stateText(s),
    String(s.notes),
    s.lastChangeAt ? formatDateTime(s.lastChangeAt) : '-',
    s.conflicts ? String(s.conflicts) : '-',
    s.root,
  ]);
  const lines = formatTable(['id', 'state', 'notes', 'last change', 'conflicts', 'folder'], rows, ctx.out.styles);
  for (const s of list) {
    if (s.reason) lines.push(`${s.id}: ${s.reason}`);
    for (const p of s.problems.slice(0, 5)) lines.push(`${s.id}: ${p.path}: ${p.reason}`);
  }
  return lines;
}

function stateText(s: SourceSummary): string {
  if (s.state === 'catching-up' && s.progress) return `catching up ${s.progress.done}/${s.progress.total}`;
  return s.state;
}

/** One folder's sync as human lines. */
function formatSync(report: SourceSyncReport): string[] {
  const c = report.counts;
  const lines = [
    `${report.root}: ${report.state}. ${c.added} new, ${c.updated} updated, ${c.moved} moved, ${c.forgotten} forgotten, ${c.restored} restored, ${c.failed} failed.`,
  ];
  if (report.reason) lines.push(`  ${report.reason}`);
  if (report.pendingForget > 0) lines.push(`  To forget them: engram sources sync ${report.sourceId} --yes`);
  for (const p of report.problems.slice(0, 10)) lines.push(`  ${p.path}: ${p.reason}`);
  return lines;
}
