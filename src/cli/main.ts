// Entry point of the `engram` CLI: wires the real process and core into the program and exits with its code.
import { defaultDataDir } from '../core/db/data-dir';
import { EXIT_INTERNAL_ERROR, EXIT_OK, reportError } from './cli-error';
import type { CliDeps } from './cli-context';
import { openCliEngine } from './open-cli-engine';
import { runCli } from './run-cli';

/**
 * The real dependencies. The engine module (PGlite, the model) is loaded only when a command opens the memory here;
 * while the app or `engram mcp` holds it, commands go through its memory socket.
 */
function processDeps(): CliDeps {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    cwd: process.cwd(),
    env: process.env,
    defaultDataDir: () => defaultDataDir(process.env),
    openEngram: (options) => openCliEngine(options),
  };
}

/** Node's exit code when the event loop empties while top-level await is still pending. */
const UNSETTLED_TOP_LEVEL_AWAIT = 13;

/** Resolves once everything written to the stream so far has been flushed. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

// `engram list | head` closes stdout early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  process.exit(error.code === 'EPIPE' ? EXIT_OK : reportError(error, (text) => process.stderr.write(text)));
});

// A failure outside the command's own promise chain (an event listener, a stray rejection) is still a bug: report
// it as an internal error (exit 2) rather than Node's default exit 1, which would read as a user error.
const crash = (error: unknown): never => process.exit(reportError(error, (text) => process.stderr.write(text)) || EXIT_INTERNAL_ERROR);
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

// If the event loop empties while a command is still awaiting something (a promise nobody will settle), Node would
// exit silently with code 13 (unsettled top-level await); say what happened and exit 2 (internal error) instead.
let finished = false;
process.on('exit', (code) => {
  if (finished || code !== UNSETTLED_TOP_LEVEL_AWAIT) return;
  process.stderr.write('engram: internal error: the command stopped before finishing (an operation never completed)\n');
  process.exitCode = EXIT_INTERNAL_ERROR;
});

const exitCode = await runCli(process.argv, processDeps());
finished = true;
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
// Exit explicitly: the engine is closed by now, and nothing else should keep the process alive.
process.exit(exitCode);
