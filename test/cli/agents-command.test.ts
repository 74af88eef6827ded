// `engram agents`: lists the agents, says when a new one waits for a decision, and sets access and the default.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngram } from '../../src/core/engine/open-engram';
import type { AgentList } from '../../src/shared/models';
import { prepareDataDir, runJson, spawnCli, tempDir } from './cli-process';

describe('engram agents', { timeout: 180_000 }, () => {
  let dataDir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const tmp = await tempDir('engram-cli-agents-');
    cleanup = tmp.remove;
    dataDir = path.join(tmp.dir, 'data');
    await prepareDataDir(dataDir);
    const memory = await openEngram({ dataDir });
    await memory.agentAccess('claude-ai'); // an agent connected (as engram mcp does before each tool call)
    await memory.close();
  });
  afterAll(async () => {
    await cleanup?.();
  });

  it('lists a new agent as waiting for a decision, with the read-only default', async () => {
    const run = await spawnCli(['--data-dir', dataDir, 'agents']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^New agents {2}read-only/);
    expect(run.stdout).toMatch(/^claude-ai +read-only \(default\) +0 +\d{4}-\d\d-\d\d \d\d:\d\d +new: waiting for you$/m);
    expect(run.stdout).toContain('A new agent wants access: `engram agents set NAME read-write|read-only|blocked`.');
  });

  it('sets an agent’s access (matched without regard to case) and the default for new agents', async () => {
    const set = await spawnCli(['--data-dir', dataDir, 'agents', 'set', 'Claude-AI', 'read-write']);
    expect(set.stdout).toBe('"claude-ai" may read and write.\n');
    expect(set.code).toBe(0);
    const blocked = await spawnCli(['--data-dir', dataDir, 'agents', 'default', 'blocked']);
    expect(blocked.stdout).toBe('A new agent now gets no access until you allow it.\n');
    const list = await runJson<AgentList>(dataDir, ['agents', 'list']);
    expect(list).toEqual({
      defaultAccess: 'blocked',
      agents: [expect.objectContaining({ name: 'claude-ai', access: 'read-write', usesDefault: false, awaitingDecision: false })],
    });
    const bad = await spawnCli(['--data-dir', dataDir, 'agents', 'set', 'claude-ai', 'admin']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^engram: command-argument value 'admin' is invalid for argument 'access'\. Allowed choices are read-write, read-only, blocked, default\.\n$/);
  });
});
