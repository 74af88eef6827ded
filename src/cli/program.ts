// The `engram` command tree: global options, every subcommand, and commander's error output folded to one line.
import { Command, Option } from 'commander';
import packageJson from '../../package.json';
import { oneLine } from './cli-error';
import type { CliDeps } from './cli-context';
import { registerAdd } from './commands/add';
import { registerAsk } from './commands/ask';
import { registerAgents } from './commands/agents';
import { registerConfig } from './commands/config';
import { registerForget } from './commands/forget';
import { registerGet } from './commands/get';
import { registerImport } from './commands/import';
import { registerLinks } from './commands/links';
import { registerList } from './commands/list';
import { registerMcp } from './commands/mcp';
import { registerOllamaDoctor } from './commands/ollama-doctor';
import { registerOllamaPull } from './commands/ollama-pull';
import { registerRecall } from './commands/recall';
import { registerRelated } from './commands/related';
import { registerReembed } from './commands/reembed';
import { registerRestore } from './commands/restore';
import { registerSources } from './commands/sources';
import { registerSpaces } from './commands/spaces';
import { registerStatus } from './commands/status';
import { registerWait } from './commands/wait';
import { registerBackup } from './commands/backup';
import { registerBackups } from './commands/backups';
import { registerRestoreBackup } from './commands/restore-backup';
import { registerExport } from './commands/export';

/** Builds the program. Commander errors are thrown (exitOverride) so main.ts decides the exit code. */
export function createProgram(deps: CliDeps): Command {
  const program = new Command('engram')
    .description('Engram: a private, local memory. Add notes and recall them by meaning, entirely on this machine.')
    .version(packageJson.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .addOption(
      new Option(
        '--data-dir <dir>',
        `the memory's folder (default: ${deps.defaultDataDir()}, the app's; ENGRAM_DATA_DIR overrides it)`,
      ),
    )
    .option('--json', 'print machine-readable JSON on stdout')
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (text) => deps.stdout.write(text),
      writeErr: (text) => deps.stderr.write(text),
      outputError: (text, write) => write(`engram: ${oneLine(text.replace(/^error: /, ''))}\n`),
    });
  program.addHelpText(
    'after',
    '\nExit codes: 0 ok, 1 a problem you can fix (bad arguments, unknown note, locked data directory), 2 internal error.',
  );
  for (const register of [
    registerAdd,
    registerGet,
    registerLinks,
    registerList,
    registerRecall,
    registerRelated,
    registerForget,
    registerRestore,
    registerStatus,
    registerWait,
    registerImport,
    registerConfig,
    registerReembed,
    registerSpaces,
    registerSources,
    registerAsk,
    registerMcp,
    registerAgents,
    registerBackup,
    registerBackups,
    registerRestoreBackup,
    registerExport,
  ]) {
    register(program, deps);
  }
  const ollama = program
    .command('ollama')
    .summary('check Ollama (doctor) and download models (pull)')
    .description('Ollama, the optional local model server: check it with `doctor`, download a model with `pull`.');
  registerOllamaDoctor(ollama, deps);
  registerOllamaPull(ollama, deps);
  return program;
}
