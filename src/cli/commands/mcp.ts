// `engram mcp`: the Model Context Protocol server on stdio, what agent hosts (Claude Desktop, editors) launch.
import type { Command } from 'commander';
import packageJson from '../../../package.json';
import { contextFor, type CliDeps } from '../cli-context';
import { parsePositiveInt } from '../parse-args';

interface McpOptions {
  readonly idleClose?: number;
}

/** Registers `mcp` (with --idle-close). */
export function registerMcp(program: Command, deps: CliDeps): void {
  program
    .command('mcp')
    .summary('serve the memory to AI agents over MCP (stdio)')
    .description(
      'Run the Engram MCP server on stdin/stdout for an agent host. While the Engram app is running, calls go to the ' +
        'app over a private local socket; otherwise the memory is opened here (and closed again when idle, so the ' +
        'app can start). Notes agents write are attributed to them; per-agent access is set in the app.',
    )
    .option('--idle-close <seconds>', 'close a memory opened here after this many idle seconds (default 10)', parsePositiveInt)
    .action(async (options: McpOptions, command: Command) => {
      const ctx = contextFor(command, deps);
      const { runMcpStdio } = await import('../../mcp/run-mcp-stdio');
      await runMcpStdio({
        dataDir: ctx.dataDir,
        version: packageJson.version,
        idleCloseMs: options.idleClose === undefined ? undefined : options.idleClose * 1000,
      });
    });
}
