// `engram ollama doctor`, `engram ollama pull` and `engram config`, in process, against real engines and the
// stand-in Ollama server (real HTTP on 127.0.0.1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PullJson } from '../../src/cli/commands/ollama-pull';
import type { ConfigJson } from '../../src/cli/commands/config';
import type { OllamaDoctorReport } from '../../src/core/embedding/ollama';
import type { Engram } from '../../src/core/engine/engram';
import type { EmbeddingChoiceResult, EngramSettings, EngramStatus } from '../../src/shared/models';
import { startFakeOllamaServer, type FakeOllamaServer } from '../support/fake-ollama-server';
import { openTempEngram } from '../support/temp-engram';
import { SharedEngine } from './in-process';

let server: FakeOllamaServer;
beforeAll(async () => {
  server = await startFakeOllamaServer({ installed: ['nomic-embed-text:latest', 'paraphrase-tiny:latest', 'llama3.2:latest'] });
});
afterAll(async () => {
  await server?.close();
});

describe('engram config and engram ollama on an empty memory', { timeout: 120_000 }, () => {
  let engram: Engram;
  let shared: SharedEngine;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ engram, cleanup } = await openTempEngram());
    shared = new SharedEngine(engram);
  }, 120_000);
  afterAll(async () => {
    await cleanup?.();
  });

  it('config get shows the built-in model and the default Ollama host (OLLAMA_HOST when set)', async () => {
    const run = await shared.run(['config', 'get']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      'Embedding model  builtin universal-sentence-encoder-lite (512 dimensions)\nOllama host      http://127.0.0.1:11434 (the default)\n' +
        'Chat model       automatic (the first chat model installed), context 8192 tokens\n',
    );
    const fromEnv = await shared.run(['config', 'get', '--json'], { env: { OLLAMA_HOST: '10.0.0.5' } });
    const doc = JSON.parse(fromEnv.stdout) as ConfigJson;
    expect(doc).toMatchObject({
      settings: { ollamaHost: null },
      ollamaHost: { url: 'http://10.0.0.5:11434', source: 'env' },
      activeSpace: { provider: 'builtin', model: 'universal-sentence-encoder-lite', dimensions: 512, state: 'active' },
    });
    expect(Object.keys(doc.activeSpace!)).toEqual(['id', 'provider', 'model', 'digest', 'dimensions', 'state', 'createdAt']);
  });

  it('config set ollama-host stores the address (normalised), and `default` resets it', async () => {
    const set = await shared.run(['config', 'set', 'ollama-host', `127.0.0.1:${server.port}`]);
    expect(set.code).toBe(0);
    expect(set.stdout).toBe(`Ollama host set to ${server.url}.\n`);
    expect((await engram.getSettings()).ollamaHost).toBe(server.url);

    const reset = await shared.run(['config', 'set', 'ollama-host', 'default', '--json']);
    expect(JSON.parse(reset.stdout)).toEqual({ settings: { ollamaHost: null }, ollamaHost: { url: 'http://127.0.0.1:11434', source: 'default' } });
    const bad = await shared.run(['config', 'set', 'ollama-host', 'ftp://x']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('engram: Ollama host "ftp://x": only http:// and https:// are supported\n');

    expect((await shared.run(['config', 'set', 'ollama-host', server.url])).code).toBe(0);
    const human = await shared.run(['config', 'get']);
    expect(human.stdout).toContain(`Ollama host      ${server.url} (set with \`engram config set ollama-host\`)\n`);
  });

  it('config set refuses unknown keys and misplaced options with one line (exit 1)', async () => {
    const cases: [string[], RegExp][] = [
      [['config', 'set', 'colour', 'blue'], /^engram: command-argument value 'colour' is invalid for argument 'key'\. Allowed choices are provider, ollama-host, chat-model, ask-context\.\n$/],
      [['config', 'set', 'provider', 'openai'], /^engram: Unknown embedding provider "openai"; use builtin or ollama\.\n$/],
      [['config', 'set', 'provider', 'ollama'], /^engram: Name the Ollama model with --model/],
      [['config', 'set', 'provider', 'builtin', '--model', 'x'], /^engram: The built-in model takes no --model/],
      [['config', 'set', 'ollama-host', 'x', '--model', 'y'], /^engram: --model and --dimensions go with/],
      [['config', 'set', 'provider', 'ollama', '--model', 'nomic-embed-text', '--dimensions', 'wide'], /^engram: option '--dimensions <n>' argument 'wide' is invalid/],
    ];
    for (const [args, message] of cases) {
      const run = await shared.run(args);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    }
  });

  it('ollama doctor: reachable, lists the embedding models with dimensions and context, says no model is configured', async () => {
    const run = await shared.run(['ollama', 'doctor']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        `Ollama     ${server.url} (from \`engram config set ollama-host\`)`,
        'Reachable  yes, version 0.12.6',
        'Model      none (the memory does not use an Ollama model; check one with --model NAME)',
        '',
        'Embedding models (2)',
        '  name                     dimensions  context  size',
        '  nomic-embed-text:latest  768         2048     137M F16',
        '  paraphrase-tiny:latest   256         128      17M F16',
        'Other models (not for embedding): llama3.2:latest',
        '',
        'Chat models for `engram ask` (1), using the first one (automatic)',
        '  name             context  size',
        '  llama3.2:latest  131072   3.2B F16',
        '',
        'Problems (1)',
        '  - no Ollama embedding model is configured',
        '    what to do: choose one of the installed embedding models: engram config set provider ollama --model nomic-embed-text',
        '',
      ].join('\n'),
    );
  });

  it('ollama doctor --model: a missing model is a problem with the pull command, still exit 0; --json prints the report', async () => {
    const run = await shared.run(['ollama', 'doctor', '--model', 'all-minilm']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Model      all-minilm: not installed\n');
    expect(run.stdout).toContain(`  - the configured model all-minilm is not installed in Ollama at ${server.url}\n`);
    expect(run.stdout).toContain('    what to do: pull it: run `ollama pull all-minilm` (or `engram ollama pull all-minilm`)\n');
    const json = await shared.run(['ollama', 'doctor', '--model', 'all-minilm', '--json']);
    const report = JSON.parse(json.stdout) as OllamaDoctorReport;
    expect(report).toMatchObject({
      host: server.url,
      hostSource: 'setting',
      reachable: true,
      version: '0.12.6',
      configuredModel: 'all-minilm',
      configuredModelInstalled: false,
      ok: false,
      problems: [{ code: 'model-not-installed', command: 'ollama pull all-minilm', pullModel: 'all-minilm' }],
    });
    expect(report.embeddingModels.map((m) => [m.name, m.dimensions, m.contextLength])).toEqual([
      ['nomic-embed-text:latest', 768, 2048],
      ['paraphrase-tiny:latest', 256, 128],
    ]);
    const ok = await shared.run(['ollama', 'doctor', '--model', 'nomic-embed-text']);
    expect(ok.stdout).toContain('Model      nomic-embed-text: installed\n');
    expect(ok.stdout.endsWith('\nNo problems found: Engram can embed with nomic-embed-text.\n')).toBe(true);
  });

  it('ollama pull shows a byte progress bar on a terminal, installs the model, and doctor then finds it', async () => {
    const run = await shared.run(['ollama', 'pull', 'all-minilm'], { stderrTty: true });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Pulled all-minilm into Ollama at ${server.url.replace(/\./g, '\\.')} in \\d+s\\.\\n$`));
    expect(run.stderr).toContain('\r\x1b[Kpulling all-minilm [');
    expect(run.stderr).toMatch(/ 100% 43\.8 MB\/43\.8 MB {2}/);
    expect(run.stderr.endsWith('\n')).toBe(true);
    expect(server.digestOf('all-minilm')).not.toBeNull();
    const doctor = JSON.parse((await shared.run(['ollama', 'doctor', '--model', 'all-minilm', '--json'])).stdout) as OllamaDoctorReport;
    expect(doctor).toMatchObject({ configuredModelInstalled: true, ok: true, problems: [] });
  });

  it('ollama pull prints one line per step when not on a terminal, and a JSON result with --json', async () => {
    server.remove('all-minilm');
    const run = await shared.run(['ollama', 'pull', 'all-minilm']);
    expect(run.code).toBe(0);
    const steps = run.stderr.split('\n');
    expect(steps[0]).toBe('pulling all-minilm: pulling manifest');
    expect(steps[1]).toMatch(/^pulling all-minilm: pulling [0-9a-f]{12} \(43\.8 MB\)$/);
    expect(run.stderr).toContain('pulling all-minilm: verifying sha256 digest\npulling all-minilm: writing manifest\n');
    const json = await shared.run(['ollama', 'pull', 'all-minilm', '--json']);
    expect(json.stderr).toBe('');
    const doc = JSON.parse(json.stdout) as PullJson;
    expect(doc).toMatchObject({ outcome: 'success', model: 'all-minilm', host: server.url });
    expect(doc.tookMs).toBeGreaterThanOrEqual(0);
  });

  it('ollama pull of an unknown model exits 1 with one line', async () => {
    const run = await shared.run(['ollama', 'pull', 'no-such-model', '--json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^engram: Ollama cannot find a model called no-such-model to pull \([^\n]*\); check the name on ollama\.com\/library\n$/);
  });

  it('config set provider ollama on an empty memory switches at once; setting it again is unchanged', async () => {
    const run = await shared.run(['config', 'set', 'provider', 'ollama', '--model', 'paraphrase-tiny']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('Now using Ollama paraphrase-tiny (256-d).\n');
    const status = await engram.status();
    expect(status.activeSpace).toMatchObject({ provider: 'ollama', model: 'paraphrase-tiny', dimensions: 256 });
    const again = await shared.run(['config', 'set', 'provider', 'ollama', '--model', 'paraphrase-tiny', '--json']);
    const result = JSON.parse(again.stdout) as EmbeddingChoiceResult;
    expect(result).toMatchObject({ outcome: 'unchanged', chosen: { provider: 'ollama', model: 'paraphrase-tiny', dimensions: 256 } });
    // the doctor now checks the model in use by default
    const doctor = await shared.run(['ollama', 'doctor']);
    expect(doctor.stdout).toContain('Model      paraphrase-tiny: installed\n');
  });

  it('config set provider with a model Ollama does not have exits 1 and changes nothing', async () => {
    const run = await shared.run(['config', 'set', 'provider', 'ollama', '--model', 'mxbai-embed-large']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^engram: Cannot use that model: [^\n]+\n$/);
    expect((await engram.status()).activeSpace).toMatchObject({ model: 'paraphrase-tiny' });
  });

  it('ollama doctor when Ollama is unreachable: the problem and `ollama serve`, exit 0', async () => {
    await server.setDown(true);
    try {
      const run = await shared.run(['ollama', 'doctor']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^Ollama {5}http:\/\/127\.0\.0\.1:\d+ \(from `engram config set ollama-host`\)\nReachable {2}no\n/);
      expect(run.stdout).toContain('Model      paraphrase-tiny: unknown (Ollama did not answer)\n');
      expect(run.stdout).not.toContain('Embedding models');
      expect(run.stdout).toContain(`  - Nothing answers at ${server.url} — Ollama is not running there (address set in Engram)\n`);
      expect(run.stdout).toContain('    what to do: start Ollama (open the Ollama app, or run `ollama serve`), or fix the host setting\n');
      const json = JSON.parse((await shared.run(['ollama', 'doctor', '--json'])).stdout) as OllamaDoctorReport;
      expect(json).toMatchObject({ reachable: false, version: null, ok: false, problems: [{ code: 'unreachable', command: 'ollama serve' }] });
      const pull = await shared.run(['ollama', 'pull', 'bge-m3']);
      expect(pull.code).toBe(1);
      expect(pull.stderr).toBe(`engram: cannot reach Ollama at ${server.url}: start it with \`ollama serve\`\n`);
    } finally {
      await server.setDown(false);
    }
  });
});

describe('engram config set provider on a memory with notes', { timeout: 120_000 }, () => {
  let engram: Engram;
  let shared: SharedEngine;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    ({ engram, cleanup } = await openTempEngram());
    shared = new SharedEngine(engram);
    await engram.updateSettings({ ollamaHost: server.url });
    await engram.addNote({ body: 'Water the tomatoes every morning.' });
    await engram.addNote({ body: 'The bicycle chain needs oil.' });
  }, 120_000);
  afterAll(async () => {
    await cleanup?.();
  });

  it('says a re-embed is needed (with the command), changes nothing, and exits 0', async () => {
    const run = await shared.run(['config', 'set', 'provider', 'ollama', '--model', 'nomic-embed-text', '--dimensions', '256']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(
      'Your 2 passages are embedded with the built-in model (512-d); vectors of nomic-embed-text (256-d) cannot be mixed with them. ' +
        'Nothing was changed. Re-embed to switch: engram reembed --provider ollama --model nomic-embed-text --dimensions 256\n',
    );
    const json = JSON.parse((await shared.run(['--json', 'config', 'set', 'provider', 'ollama', '--model', 'nomic-embed-text'])).stdout) as EmbeddingChoiceResult;
    expect(json).toMatchObject({
      outcome: 'reembed-needed',
      activeSpace: { provider: 'builtin', state: 'active' },
      chosen: { provider: 'ollama', model: 'nomic-embed-text', dimensions: 768 },
    });
    expect(Object.keys(json.activeSpace)).toEqual(['id', 'provider', 'model', 'digest', 'dimensions', 'state', 'createdAt']);
    const status: EngramStatus = await engram.status();
    expect(status.activeSpace).toMatchObject({ provider: 'builtin' });
    const builtin = JSON.parse((await shared.run(['config', 'set', 'provider', 'builtin', '--json'])).stdout) as EmbeddingChoiceResult;
    expect(builtin.outcome).toBe('unchanged');
    const settings: EngramSettings = await engram.getSettings();
    expect(settings.ollamaHost).toBe(server.url);
  });
});
