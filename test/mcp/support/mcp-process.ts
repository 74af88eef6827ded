// Drives `engram mcp` as an agent host would: spawned over stdio and spoken to by the MCP SDK's own Client.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { cliPath } from '../../cli/cli-process';

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
    args: [cliPath, 'mcp', '--data-dir', dataDir, ...extraArgs],
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
