// Runs the program once and turns its outcome into an exit code; free of process globals, so tests can call it.
import { reportError, EXIT_OK } from './cli-error';
import type { CliDeps } from './cli-context';
import { createProgram } from './program';

/** Runs the CLI with these arguments (as in process.argv: node, script, ...args); resolves with the exit code, never throws. */
export async function runCli(argv: readonly string[], deps: CliDeps): Promise<number> {
  try {
    await createProgram(deps).parseAsync([...argv]);
    return EXIT_OK;
  } catch (error) {
    return reportError(error, (text) => deps.stderr.write(text));
  }
}
