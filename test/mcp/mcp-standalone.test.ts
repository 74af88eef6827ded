// `engram mcp` with the app not running: it opens the memory itself. Driven by the MCP SDK's own client over stdio.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngram } from '../../src/core/engine/open-engram';
import { tempDir, testSeed } from '../support/temp-engram';
import { cliPath } from '../cli/cli-process';
import { callJson, connectAgent, type AgentSession } from './support/mcp-process';

interface Summary {
  id: number;
  title: string;
  author: string;
  tags: string[];
  forgotten?: string;
}
interface Hit extends Summary {
  score: number;
  snippet: string;
}

describe('engram mcp, memory opened by the server', () => {
  const dir = tempDir('engram-mcp-');
  let agent: AgentSession;

  beforeAll(async () => {
    const memory = await openEngram({ dataDir: dir.dir, seed: testSeed() }); // a migrated memory, without initdb
    await memory.setAgentAccess('Test Agent', 'read-write'); // new agents may only read until the person allows more
    await memory.close();
    agent = await connectAgent(dir.dir, 'Test Agent');
  });
  afterAll(async () => {
    await agent?.close();
    dir.cleanup();
  });

  it('lists the nine tools with descriptions and input schemas', async () => {
    const { tools } = await agent.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['forget', 'get_note', 'list_tags', 'note_links', 'recall', 'related_notes', 'remember', 'restore', 'status']);
    for (const tool of tools) expect(tool.description!.length).toBeGreaterThan(60);
    const recall = tools.find((t) => t.name === 'recall')!;
    expect(recall.inputSchema.required).toEqual(['query']);
    expect(Object.keys(recall.inputSchema.properties ?? {})).toEqual(expect.arrayContaining(['query', 'limit', 'mode', 'tags', 'when']));
  });

  it('remembers with the agent as author, and recalls by paraphrase once embedded', async () => {
    const saved = await callJson<{ saved: boolean; note: Summary }>(agent, 'remember', {
      content: 'The user prefers green tea in the morning and never drinks coffee after noon.',
      tags: ['Preferences/Drinks'],
    });
    expect(saved.saved).toBe(true);
    expect(saved.note).toMatchObject({ author: 'Test Agent', tags: ['preferences/drinks'] });
    await callJson(agent, 'remember', { content: 'Quarterly budget review moved to the second Tuesday of the month.', title: 'Budget review' });
    await callJson(agent, 'remember', { content: 'Sailing trip: check the tide tables and pack the spare rope.' });
    const again = await callJson<{ saved: boolean; duplicate: boolean; note: Summary }>(agent, 'remember', {
      content: 'The user prefers green tea in the morning and never drinks coffee after noon.',
      tags: ['Preferences/Drinks'],
    });
    expect(again).toMatchObject({ saved: false, duplicate: true, note: { id: saved.note.id } });

    await expect.poll(async () => (await callJson<{ embeddings: { pending: number } }>(agent, 'status')).embeddings.pending, { timeout: 100_000, interval: 500 }).toBe(0);
    const found = await callJson<{ results: Hit[] }>(agent, 'recall', { query: 'what hot beverage does the user like to drink', mode: 'vector', limit: 1 });
    expect(found.results[0]).toMatchObject({ id: saved.note.id, author: 'Test Agent' });
    expect(found.results[0]!.snippet).toContain('green tea');

    const note = await callJson<{ body: string; author: string; source: string }>(agent, 'get_note', { id: saved.note.id });
    expect(note).toMatchObject({ author: 'Test Agent', source: 'mcp: Test Agent' });
    const status = await callJson<{ agent: string; access: string; notes: number }>(agent, 'status');
    expect(status).toMatchObject({ agent: 'Test Agent', access: 'read-write', notes: 3 });
  }, 120_000); // the first embeddings load the model, which is slow on a busy machine

  it('forgets softly and restores', async () => {
    const { note } = await callJson<{ note: Summary }>(agent, 'remember', { content: 'The spare house key is under the blue flowerpot.' });
    const forgotten = await callJson<{ forgotten: Summary }>(agent, 'forget', { id: note.id });
    expect(forgotten.forgotten.forgotten).toBeTruthy();
    const gone = await callJson<{ results: Hit[] }>(agent, 'recall', { query: 'flowerpot key', mode: 'keyword' });
    expect(gone.results.map((h) => h.id)).not.toContain(note.id);
    expect(await callJson<Summary>(agent, 'get_note', { id: note.id })).toHaveProperty('forgotten');

    await callJson(agent, 'restore', { id: note.id });
    const back = await callJson<{ results: Hit[] }>(agent, 'recall', { query: 'flowerpot key', mode: 'keyword' });
    expect(back.results[0]?.id).toBe(note.id);
  });

  it('lists tags with counts, and reports unknown notes and bad arguments as tool errors', async () => {
    await callJson(agent, 'remember', { content: 'Drink more water during the day.', tags: ['preferences/drinks', 'health'] });
    const { tags } = await callJson<{ tags: { tag: string; count: number }[] }>(agent, 'list_tags');
    expect(tags).toEqual([
      { tag: 'preferences/drinks', count: 2 },
      { tag: 'health', count: 1 },
    ]);
    const missing = await agent.client.callTool({ name: 'get_note', arguments: { id: 999_999 } });
    expect(missing.isError).toBe(true);
    expect(JSON.stringify(missing.content)).toContain('NOT_FOUND');
    const invalid = await agent.client.callTool({ name: 'recall', arguments: { query: '' } });
    expect(invalid.isError).toBe(true);
  });

  it('answers the calls already sent when the host closes stdin, then exits 0', async () => {
    const lines = [
      { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'pipe', version: '1' } } },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
      { jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'recall', arguments: { query: 'budget review', mode: 'keyword' } } },
    ];
    const child = spawn(process.execPath, [cliPath, 'mcp', '--data-dir', dir.dir], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stdin.end(lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    const answer = stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: number; result: { content: { text: string }[] } }).find((m) => m.id === 2);
    expect(JSON.parse(answer!.result.content[0]!.text).results[0]).toMatchObject({ title: 'Budget review', author: 'Test Agent' });
  });
});
