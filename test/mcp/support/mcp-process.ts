// Drives `engram mcp` as an agent host would: spawned over stdio and spoken to by the MCP SDK's own Client.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let entry: Promise<string> | null = null;
let outdirs: string[] = [];

/** Bundles the CLI entry with `mcp` (like out/node/cli.js, built the same way) once per test file. */
export function mcpCliPath(): Promise<string> {
  entry ??= (async () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-mcp-cli-'));
    outdirs.push(outdir);
    await build({
      absWorkingDir: repoRoot,
      entryPoints: { cli: path.join(repoRoot, 'test/mcp/support/mcp-cli-entry.ts') },
      outdir,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      logLevel: 'error',
    });
    // packages stay external: resolve them from the repository's node_modules
    fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(outdir, 'node_modules'));
    return path.join(outdir, 'cli.js');
  })();
  return entry;
}

/** Removes the bundle built by mcpCliPath (call from afterAll). */
export function removeMcpCli(): void {
  for (const dir of outdirs) fs.rmSync(dir, { recursive: true, force: true });
  outdirs = [];
  entry = null;
}

/** An MCP client connected to a spawned `engram mcp`, with the child's stderr collected. */
export interface AgentSession {
  readonly client: Client;
  stderr(): string;
  close(): Promise<void>;
}

/** Spawns `engram mcp --data-dir DIR` and connects as the agent `name` (its MCP client name). */
export async function connectAgent(dataDir: string, name: string, extraArgs: readonly string[] = []): Promise<AgentSession> {
  const env = Object.fromEntries(Object.entries(process.env).filter((e): e is [string, string] => e[1] !== undefined));
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [await mcpCliPath(), 'mcp', '--data-dir', dataDir, ...extraArgs],
    env,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name, version: '1.0.0' });
  await client.connect(transport);
  return { client, stderr: () => stderr, close: () => client.close() };
}

/** The text of a tool result. */
function textOf(result: Awaited<ReturnType<Client['callTool']>>): string {
  const content = result.content as { type: string; text?: string }[];
  return content.map((c) => c.text ?? '').join('');
}

/** Calls a tool that must succeed and parses its JSON result. */
export async function callJson<T = Record<string, unknown>>(session: AgentSession, name: string, args: Record<string, unknown> = {}): Promise<T> {
  const result = await session.client.callTool({ name, arguments: args });
  if (result.isError) throw new Error(`${name} failed: ${textOf(result)}\n${session.stderr()}`);
  return JSON.parse(textOf(result)) as T;
}

/** Calls a tool that must fail and returns its error text. */
export async function callError(session: AgentSession, name: string, args: Record<string, unknown> = {}): Promise<string> {
  const result = await session.client.callTool({ name, arguments: args });
  if (!result.isError) throw new Error(`${name} was expected to fail but returned ${textOf(result)}`);
  return textOf(result);
}
