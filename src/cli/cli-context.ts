// What every command needs: the process streams, how to open the engine, and the global options in effect.
import path from 'node:path';
import type { Command } from 'commander';
import type { CliMemoryApi } from '../mcp/memory-socket-methods';
import { Output, type TextSink } from './output';
import type { InputSource } from './read-input';

/** Options accepted by the engine factory (the CLI always passes autoEmbed: false). */
export interface OpenEngramOptions {
  readonly dataDir: string;
  readonly autoEmbed?: boolean;
  /** Who holds the data-directory lock, named to a second process that is refused. */
  readonly holder?: string;
  /** A short command: the engine opens with a smaller buffer cache (see the core's OpenEngramOptions.brief). */
  readonly brief?: boolean;
}

/**
 * The engine as the CLI uses it: the EngramApi methods listed in CLI_METHODS (src/mcp/memory-socket-methods.ts), so
 * every command also works through the memory socket of a running app. The real Engram satisfies it.
 */
export type CliEngine = CliMemoryApi;

/** The CLI's dependencies on the outside world; main.ts passes the real process and core, tests may pass doubles. */
export interface CliDeps {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly stdin: InputSource;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly openEngram: (options: OpenEngramOptions) => Promise<CliEngine>;
  readonly defaultDataDir: () => string;
}

/** The global options as commander parses them. */
export interface GlobalOptions {
  readonly dataDir?: string;
  readonly json?: boolean;
}

/** A command's view of one run: where to print, and which data directory to open. */
export interface CliContext {
  readonly deps: CliDeps;
  readonly out: Output;
  readonly dataDir: string;
  readonly json: boolean;
}

/** Builds the context for the command being run, from its own and the program's (global) options. */
export function contextFor(command: Command, deps: CliDeps): CliContext {
  const globals = command.optsWithGlobals<GlobalOptions>();
  const json = globals.json === true;
  const dataDir = path.resolve(deps.cwd, globals.dataDir ?? deps.defaultDataDir());
  return { deps, json, dataDir, out: new Output(json, deps.stdout, deps.stderr, deps.env) };
}
