import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Readable, Writable } from 'node:stream';
import { openEngram } from '../core/engine/open-engram';
import { closeWhenAnswered } from './close-when-answered';
import { connectMemorySocket } from './memory-socket-client';
import { MemoryConnection } from './memory-connection';
import { MemorySocketServer } from './memory-socket-server';
import { createEngramMcpServer } from './mcp-server';

/** Options of `engram mcp`. */
export interface McpStdioOptions {
  readonly dataDir: string;
  readonly version: string;
  readonly stdin?: Readable;
  readonly stdout?: Writable;
  /** Close a memory opened here after this much idle time, so the app can start (default 10 s). */
  readonly idleCloseMs?: number;
  /** How long to wait for the lock held by a process that does not serve the memory (default 20 s). */
  readonly lockWaitMs?: number;
}

/**
 * Runs the Engram MCP server on stdio until the host closes stdin: calls go to the running app over its socket,
 * or to the memory opened in this process (and served to other `engram mcp` processes) when the app is not running.
 */
export async function runMcpStdio(options: McpStdioOptions): Promise<void> {
  const { dataDir } = options;
  const memory = new MemoryConnection({
    connect: () => connectMemorySocket({ dataDir }),
    openLocal: () => openEngram({ dataDir, autoEmbed: true, holder: 'engram mcp (an AI agent host)', serves: true }),
    serve: (api) => MemorySocketServer.start({ dataDir, api, holder: 'another engram mcp process (the app is not running)' }),
    idleCloseMs: options.idleCloseMs ?? 10_000,
    lockWaitMs: options.lockWaitMs ?? 20_000,
  });
  const server = createEngramMcpServer({ use: (work) => memory.use(work), servedBy: () => memory.servedBy, version: options.version });
  const transport = new StdioServerTransport(options.stdin, options.stdout);
  const closed = new Promise<void>((resolve) => (transport.onclose = resolve));
  await server.connect(transport);
  closeWhenAnswered(transport, options.stdin ?? process.stdin, () => void server.close());
  await closed;
  await memory.close();
}
