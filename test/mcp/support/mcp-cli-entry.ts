// The `engram` CLI as main.ts builds it, with `mcp` registered if program.ts does not list it yet.
import { registerMcp } from '../../../src/cli/commands/mcp';
import type { CliDeps } from '../../../src/cli/cli-context';
import { createProgram } from '../../../src/cli/program';
import { defaultDataDir } from '../../../src/core/db/data-dir';

const deps: CliDeps = {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  cwd: process.cwd(),
  env: process.env,
  defaultDataDir: () => defaultDataDir(process.env),
  openEngram: async (options) => (await import('../../../src/core/engine/open-engram')).openEngram(options),
};
const program = createProgram(deps);
if (!program.commands.some((command) => command.name() === 'mcp')) registerMcp(program, deps);
try {
  await program.parseAsync(process.argv);
  process.exit(0);
} catch (error) {
  process.stderr.write(`engram: ${(error as Error).message}\n`);
  process.exit(1);
}
