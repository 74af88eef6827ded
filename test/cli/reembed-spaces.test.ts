// `engram reembed` and `engram spaces`, in process, against a real memory whose new models come from the stand-in
// Ollama server (real HTTP on 127.0.0.1). The steps run in order on one memory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReembedRunJson } from '../../src/cli/commands/reembed';
import type { SpacesJson } from '../../src/cli/commands/spaces';
import type { Engram } from '../../src/core/engine/engram';
import type { ReembedStatus } from '../../src/shared/models';
import { startFakeOllamaServer, type FakeOllamaServer } from '../support/fake-ollama-server';
import { openTempEngram } from '../support/temp-engram';
import { SharedEngine } from './in-process';

const topics = ['sailing knots', 'sourdough bread', 'tax returns', 'tomato plants', 'bicycle repair', 'chess openings', 'guitar chords', 'bird watching'];
const QWEN = ['--provider', 'ollama', '--model', 'qwen3-embedding', '--dimensions', '256'];
const DATE_TIME = String.raw`\d{4}-\d{2}-\d{2} \d{2}:\d{2}`;

describe('engram reembed and engram spaces', { timeout: 180_000 }, () => {
  let server: FakeOllamaServer;
  let engram: Engram;
  let shared: SharedEngine;
  let cleanup: () => Promise<void>;
  const active = async () => (await engram.status()).activeSpace;

  beforeAll(async () => {
    server = await startFakeOllamaServer();
    ({ engram, cleanup } = await openTempEngram());
    shared = new SharedEngine(engram);
    await engram.updateSettings({ ollamaHost: server.url });
    for (let i = 0; i < 8; i++) await engram.addNote({ body: `Note ${i} about ${topics[i]}, with a few more words.` });
    await engram.drainQueue();
  }, 180_000);
  afterAll(async () => {
    await cleanup?.();
    await server?.close();
  });

  it('refuses bad combinations of options with one line, before opening the memory', async () => {
    const cases: [string[], RegExp][] = [
      [['reembed'], /^engram: Say what to do: --provider P \[--model M\] to start a re-embed, or one of --status/],
      [['reembed', '--status', '--pause'], /^engram: Give only one of --provider, --resume, --pause, --cancel, --undo, --status\.\n$/],
      [['reembed', ...QWEN, '--undo'], /^engram: Give only one of/],
      [['reembed', '--status', '--yes'], /^engram: --model, --dimensions and --yes go with --provider/],
      [['reembed', '--provider', 'openai'], /^engram: option '--provider <provider>' argument 'openai' is invalid\. Allowed choices are builtin, ollama\.\n$/],
      [['reembed', '--provider', 'ollama'], /^engram: Name the Ollama model with --model/],
      [['reembed', '--provider', 'builtin', '--dimensions', '64'], /^engram: The built-in model takes no --model or --dimensions/],
    ];
    for (const [args, message] of cases) {
      const run = await shared.run(args);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(run.opened).toEqual([]);
    }
  });

  it('without --yes and without a terminal, shows the plan and exits 1 saying to pass --yes; nothing starts', async () => {
    const run = await shared.run(['reembed', ...QWEN]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      new RegExp(
        '^Re-embed into ollama qwen3-embedding \\(256 dimensions\\)\\n' +
          'Passages {8}8\\n' +
          'Estimated time {2}about \\d+(s|m\\d\\ds) \\(measured on a sample\\)\\n' +
          'Estimated disk {2}\\d+\\.\\d KB\\n' +
          '8 passages will be embedded with qwen3-embedding \\(256-d\\) while search keeps using the current model\\.\\n$',
      ),
    );
    expect(run.stderr).toBe('engram: Re-embedding needs a confirmation: run it on a terminal to be asked, or pass --yes to start it now.\n');
    const json = await shared.run(['reembed', ...QWEN, '--json']);
    expect(json.code).toBe(1);
    expect(json.stdout).toBe('');
    expect((await engram.listSpaces()).map((s) => s.state)).toEqual(['active']);
  });

  it('on a terminal, asks first; anything but yes changes nothing', async () => {
    const run = await shared.run(['reembed', ...QWEN], { stdin: ['n\n'], stdinTty: true });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('Start the re-embed? [y/N] ');
    expect(run.stdout.endsWith('\nNothing was changed.\n')).toBe(true);
    expect((await engram.reembedStatus()).phase).toBe('idle');
  });

  it('--status with nothing running', async () => {
    const run = await shared.run(['reembed', '--status']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'Re-embed      none\nActive model  builtin universal-sentence-encoder-lite (512 dimensions), 8 passages embedded\n\nNo re-embed running.\n',
    );
    const json = JSON.parse((await shared.run(['reembed', '--status', '--json'])).stdout) as ReembedStatus;
    expect(json).toMatchObject({ phase: 'idle', building: null, active: { provider: 'builtin', embedded: 8 }, undo: null });
  });

  it('--yes re-embeds into another model with progress, switches, and names the undo period', async () => {
    const run = await shared.run(['reembed', ...QWEN, '--yes']);
    expect(run.stderr).toMatch(/^(re-embedding: \d+\/8 chunks \(\d+%\)\n)*re-embedding: 8\/8 chunks \(100%\)\n$/);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('Re-embed into ollama qwen3-embedding (256 dimensions)');
    expect(lines.at(-2)).toMatch(/^Switched to ollama qwen3-embedding \(256 dimensions\) in \d+s: 8 passages\. Recall uses it now\.$/);
    expect(lines.at(-1)).toMatch(
      new RegExp(`^The previous model, builtin universal-sentence-encoder-lite \\(512 dimensions\\), is kept until ${DATE_TIME}: \`engram reembed --undo\` goes back to it\\.$`),
    );
    expect(await active()).toMatchObject({ provider: 'ollama', model: 'qwen3-embedding', dimensions: 256 });
    const recall = await engram.recall('growing tomatoes', { mode: 'vector', limit: 1 });
    expect(recall.results[0]?.title).toContain('tomato');
  });

  it('spaces lists both spaces as a table, and as { spaces } with --json', async () => {
    const run = await shared.run(['spaces']);
    expect(run.code).toBe(0);
    const [header, ...rows] = run.stdout.trimEnd().split('\n');
    expect(header).toMatch(/^id {2}state {4}model {36}dims {2}coverage {2}embedded\/pending\/failed {2}size {5}retired {11}purge after {7}purged$/);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(new RegExp(`^1 {3}retired {2}builtin universal-sentence-encoder-lite {2}512 {3}100% {6}8/0/0 {20}\\d+\\.\\d KB {2}${DATE_TIME} {2}${DATE_TIME} {2}-$`));
    expect(rows[1]).toMatch(/^2 {3}active {3}ollama qwen3-embedding {19}256 {3}100% {6}8\/0\/0 {20}\d+\.\d KB {2}- {17}- {17}-$/);
    const json = JSON.parse((await shared.run(['spaces', '--json'])).stdout) as SpacesJson;
    expect(Object.keys(json)).toEqual(['spaces']);
    expect(json.spaces.map((s) => [s.id, s.state, s.model, s.dimensions, s.coverage, s.embedded])).toEqual([
      [1, 'retired', 'universal-sentence-encoder-lite', 512, 1, 8],
      [2, 'active', 'qwen3-embedding', 256, 1, 8],
    ]);
    expect(json.spaces[0]!.diskBytes).toBeGreaterThan(0);
    expect(Date.parse(json.spaces[0]!.purgeAfter!)).toBeGreaterThan(Date.now());
  });

  it('re-embedding into the model already in use is a no-op that exits 0 without asking', async () => {
    const run = await shared.run(['reembed', ...QWEN]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'Re-embed into ollama qwen3-embedding (256 dimensions)\nqwen3-embedding (256-d) is already the active space: nothing to re-embed.\n',
    );
    const json = JSON.parse((await shared.run(['reembed', ...QWEN, '--json'])).stdout) as ReembedRunJson;
    expect(json).toMatchObject({ plan: { sameAsActive: true }, started: false, switched: false, embedded: 0 });
    // A smaller width of the Matryoshka model in use is cut from the stored vectors: the plan says so.
    const derived = await shared.run(['reembed', '--provider', 'ollama', '--model', 'qwen3-embedding', '--dimensions', '128']);
    expect(derived.code).toBe(1);
    expect(derived.stdout).toContain('\nEstimated time  none: derived from the stored vectors, no model calls\n');
    expect(derived.stdout).toContain('128-d vectors will be cut from the stored 256-d ones: no model calls.\n');
  });

  it('--undo goes back to the previous model and keeps the one left for undo in turn', async () => {
    const run = await shared.run(['reembed', '--undo']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(
        '^Back to builtin universal-sentence-encoder-lite \\(512 dimensions\\); recall uses it now\\.\\n' +
          `The model you left, ollama qwen3-embedding \\(256 dimensions\\), is kept until ${DATE_TIME}: \`engram reembed --undo\` switches back\\.\\n$`,
      ),
    );
    expect(await active()).toMatchObject({ provider: 'builtin' });
  });

  it('spaces --purge-retired drops retired vectors and reports the disk reclaimed; undo is then over', async () => {
    const json = JSON.parse((await shared.run(['spaces', '--purge-retired', '--json'])).stdout) as SpacesJson;
    expect(json.purged!.spaces).toBe(1);
    expect(json.purged!.reclaimedBytes).toBeGreaterThanOrEqual(0);
    const purged = json.spaces.find((s) => s.model === 'qwen3-embedding')!;
    expect(purged).toMatchObject({ state: 'retired', embedded: 0, coverage: 0 });
    expect(purged.purgedAt).not.toBeNull();
    const human = await shared.run(['spaces', '--purge-retired']);
    expect(human.code).toBe(0);
    expect(human.stdout.split('\n')[0]).toBe('No retired space had vectors left to drop.');
    expect(human.stdout).toMatch(new RegExp(`\\n2 {3}retired {2}ollama qwen3-embedding .* ${DATE_TIME}\\n$`));
    const undo = await shared.run(['reembed', '--undo']);
    expect(undo.code).toBe(1);
    expect(undo.stderr).toBe('engram: There is no previous embedding space to go back to (its undo period is over).\n');
  });

  it('--status, --pause and --resume steer a re-embed; --resume drains with a bar to the switch', async () => {
    await engram.startReembed({ provider: 'ollama', model: 'paraphrase-tiny' });
    const status = await shared.run(['reembed', '--status']);
    expect(status.stdout).toMatch(/^Re-embed {6}building: ollama paraphrase-tiny \(256 dimensions\), 0 of 8 passages \(0%\)\n/);
    expect(status.stdout).toContain('\nEmbedding paraphrase-tiny: 0 of 8 passages; search keeps using universal-sentence-encoder-lite.\n');

    const pause = await shared.run(['reembed', '--pause']);
    expect(pause.code).toBe(0);
    expect(pause.stdout).toBe('Paused at 0 of 8 passages. Resume with engram reembed --resume.\n');
    const paused = JSON.parse((await shared.run(['reembed', '--status', '--json'])).stdout) as ReembedStatus;
    expect(paused).toMatchObject({ phase: 'paused', building: { model: 'paraphrase-tiny', paused: true, pending: 8 } });
    const spaces = await shared.run(['spaces']);
    expect(spaces.stdout).toMatch(/\n3 {3}building \(paused\) {2}ollama paraphrase-tiny/);

    const busy = await shared.run(['reembed', '--provider', 'builtin', '--yes']);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toBe(
      'engram: A re-embed into ollama paraphrase-tiny (256 dimensions) is already paused: continue it with `engram reembed --resume`, or drop it with `engram reembed --cancel`.\n',
    );

    const resume = await shared.run(['reembed', '--resume', '--json'], { stderrTty: true });
    expect(resume.code).toBe(0);
    expect(resume.stderr).toContain('\r\x1b[Kre-embedding [');
    expect(resume.stderr).toContain('100% 8/8 chunks');
    const doc = JSON.parse(resume.stdout) as ReembedRunJson;
    expect(Object.keys(doc)).toEqual(['switched', 'embedded', 'tookMs', 'status']);
    expect(doc).toMatchObject({ switched: true, embedded: 8, status: { phase: 'idle', active: { model: 'paraphrase-tiny' }, undo: { provider: 'builtin' } } });
    expect(await active()).toMatchObject({ model: 'paraphrase-tiny' });
  });

  it('--cancel drops a re-embed in progress; with nothing running, --pause/--resume/--cancel exit 1', async () => {
    await engram.startReembed({ provider: 'ollama', model: 'nomic-embed-text' });
    const run = await shared.run(['reembed', '--cancel']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'Cancelled the re-embed into ollama nomic-embed-text (768 dimensions); its vectors were dropped. Recall keeps using ollama paraphrase-tiny (256 dimensions).\n',
    );
    expect((await engram.listSpaces()).some((s) => s.model === 'nomic-embed-text')).toBe(false);
    for (const action of ['--cancel', '--pause', '--resume']) {
      const none = await shared.run(['reembed', action]);
      expect(none.code, action).toBe(1);
      expect(none.stderr).toBe('engram: No re-embed is running. Start one with engram reembed --provider P --model M.\n');
    }
  });

  it('a "yes" on the terminal starts it; --json prints the plan, the run and the final status', async () => {
    const run = await shared.run(['reembed', '--provider', 'builtin', '--json'], { stdin: ['yes\n'], stdinTty: true });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('Start the re-embed? [y/N] ');
    const doc = JSON.parse(run.stdout) as ReembedRunJson;
    expect(Object.keys(doc)).toEqual(['plan', 'started', 'switched', 'embedded', 'tookMs', 'status']);
    expect(doc).toMatchObject({
      plan: { chosen: { provider: 'builtin', dimensions: 512 }, chunks: 8, sameAsActive: false, derived: false },
      started: true,
      switched: true,
      embedded: 8,
      status: { phase: 'idle', building: null, active: { provider: 'builtin', coverage: 1 }, undo: { model: 'paraphrase-tiny' } },
    });
    expect(await active()).toMatchObject({ provider: 'builtin' });
  });
});
