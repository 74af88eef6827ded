// `engram export DIR`: every live note as a Markdown file with front matter, to take the notes anywhere.
import path from 'node:path';
import type { Command } from 'commander';
import { contextFor, type CliDeps } from '../cli-context';
import { withEngine } from '../with-engine';

interface ExportOptions {
  readonly force?: boolean;
}

/** Registers `export DIR [--force]`. */
export function registerExport(program: Command, deps: CliDeps): void {
  program
    .command('export')
    .summary('write every note as a Markdown file (front matter: title, tags, dates, source) into a folder')
    .description(
      'Write every live note into DIR as TITLE.md with YAML front matter (title, tags, created, updated, source, author), ' +
        'so you can take your notes anywhere; `engram import DIR` reads them back. DIR must be empty or new, unless --force ' +
        '(existing files are never overwritten).',
    )
    .argument('<dir>', 'the folder to write into (created if missing)')
    .option('--force', 'write into a folder that already has files (next to them; nothing is overwritten)')
    .action(async (dir: string, options: ExportOptions, command: Command) => {
      const ctx = contextFor(command, deps);
      const target = path.resolve(deps.cwd, dir);
      const result = await withEngine(ctx, (engine) => engine.exportMarkdown(target, { intoNonEmpty: options.force === true }));
      if (ctx.json) ctx.out.printJson(result);
      else ctx.out.print(`Exported ${result.notes} note${result.notes === 1 ? '' : 's'} to ${result.dir}.`);
    });
}
