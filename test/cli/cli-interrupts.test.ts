// Ctrl-C during long commands, with the built CLI as a child process (a real SIGINT) and the stand-in Ollama server:
// `ollama pull` cancels, `reembed` pauses (and `reembed --resume` finishes the job).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngram } from '../../src/core/engine/open-engram';
import type { ReembedStatus } from '../../src/shared/models';
import { startFakeOllamaServer, type FakeOllamaServer } from '../support/fake-ollama-server';
import { testSeed } from '../support/temp-engram';
import { cliPath, repoRoot, runJson, spawnCli, tempDir } from './cli-process';

let root: string;
let removeRoot: () => Promise<void>;
let server: FakeOllamaServer;

beforeAll(async () => {
  ({ dir: root, remove: removeRoot } = await tempDir('engram-cli-interrupts-'));
  server = await startFakeOllamaServer({ pullStepDelayMs: 250 });
});
afterAll(async () => {
  await server?.close();
  await removeRoot?.();
});

/** Starts the CLI and sends SIGINT once stderr contains `trigger`; resolves with the exit code and output. */
function interruptWhen(args: readonly string[], trigger: string): Promise<{ code: number | null; stdout: string; stderr: string; signalled: boolean }> {
  const child = spawn(process.execPath, [cliPath, ...args], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  let signalled = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
    if (!signalled && stderr.includes(trigger) && child.exitCode === null) {
      signalled = true;
      child.kill('SIGINT');
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, signalled });
    }),
  );
}

/** A data directory from the test template whose Ollama host is the stand-in server, with `notes` notes embedded. */
async function memory(name: string, notes: number): Promise<string> {
  const dataDir = path.join(root, name);
  const engram = await openEngram({ dataDir, seed: testSeed() });
  try {
    await engram.updateSettings({ ollamaHost: server.url });
    for (let i = 0; i < notes; i++) await engram.addNote({ body: `Note ${i}: the kettle boils while the fox jumps over the lazy dog, day ${i}.` });
    await engram.drainQueue();
  } finally {
    await engram.close();
  }
  return dataDir;
}

describe('Ctrl-C in long commands', { timeout: 240_000 }, () => {
  it('ollama pull: Ctrl-C cancels the download and exits 130 with how to resume', async () => {
    const dataDir = await memory('pull', 0);
    const run = await interruptWhen(['--data-dir', dataDir, 'ollama', 'pull', 'bge-m3'], 'pulling bge-m3: pulling ');
    expect(run.signalled).toBe(true);
    expect(run.code).toBe(130);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe(
      'engram: cancelled pulling bge-m3; run the same command again to resume (Ollama keeps the partial download).',
    );
    expect(server.digestOf('bge-m3')).toBeNull();
  });

  it('reembed: Ctrl-C pauses the re-embed (exit 130) and says how to resume; --resume then switches', async () => {
    const dataDir = await memory('reembed', 70);
    server.setSlow(1500); // each embedding request takes 1.5 s: the drain is still running when Ctrl-C arrives
    let run;
    try {
      run = await interruptWhen(['--data-dir', dataDir, 'reembed', '--provider', 'ollama', '--model', 'paraphrase-tiny', '--yes'], 're-embedding: ');
    } finally {
      server.setSlow(0);
    }
    expect(run.signalled).toBe(true);
    expect(run.code).toBe(130);
    // The batches already sent are stored first; the message comes last.
    expect(run.stderr).toMatch(/^re-embedding: 32\/70 chunks \(45%\)\n(re-embedding: \d+\/70 chunks \(\d+%\)\n)*engram: [^\n]+\n$/);
    expect(run.stderr.trimEnd().split('\n').at(-1)).toBe(
      'engram: interrupted; the re-embed is paused. Search keeps using builtin universal-sentence-encoder-lite (512 dimensions). ' +
        'Continue with `engram reembed --resume` (`engram reembed --status` shows how far it got).',
    );
    expect(run.stdout).not.toContain('Switched');

    // The lock was released and the job is paused, part done.
    const paused = await runJson<ReembedStatus>(dataDir, ['reembed', '--status']);
    expect(paused).toMatchObject({ phase: 'paused', building: { model: 'paraphrase-tiny', paused: true }, active: { provider: 'builtin' } });
    // At least the first batch; the batches already sent when Ctrl-C came are stored too (normally not all of them).
    expect(paused.building!.embedded).toBeGreaterThanOrEqual(32);
    expect(paused.building!.embedded + paused.building!.pending).toBe(70);

    const resumed = await spawnCli(['--data-dir', dataDir, 'reembed', '--resume']);
    expect(resumed.stderr).toMatch(/^(re-embedding: \d+\/\d+ chunks \(\d+%\)\n)*$/);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(/^Resuming the re-embed into ollama paraphrase-tiny \(256 dimensions\): \d+ of 70 passages done\.\n/);
    expect(resumed.stdout).toMatch(/\nSwitched to ollama paraphrase-tiny \(256 dimensions\) in \d+s: 70 passages\. Recall uses it now\.\n/);
    const status = await runJson<ReembedStatus>(dataDir, ['reembed', '--status']);
    expect(status).toMatchObject({ phase: 'idle', active: { model: 'paraphrase-tiny', embedded: 70, coverage: 1 } });
  });
});
