// In-process CLI tests against a scripted engine: exit-code mapping, argument validation and output formatting.
import { describe, expect, it } from 'vitest';
import { EngramError } from '../../src/core/errors';
import { runCli } from '../../src/cli/run-cli';
import { parseFromDate, parseId, parseToDate } from '../../src/cli/parse-args';
import { renderSnippet } from '../../src/cli/format';
import { formatWaitSummary } from '../../src/cli/commands/wait';
import { renderBar, LineProgress } from '../../src/cli/progress-bar';
import type { Styles } from '../../src/cli/output';
import { argv, captureStream, FakeEngine, fakeDeps, sampleNote, sampleRecall, sampleStatus } from './fake-engine';

const brackets: Styles = { bold: (t) => t, dim: (t) => t, highlight: (t) => `[${t}]` };

describe('exit codes', () => {
  it('maps an unexpected error to exit 2 with message and stack, and still closes the engine', async () => {
    const engine = new FakeEngine({
      getNote: async () => {
        throw new TypeError('boom');
      },
    });
    const deps = fakeDeps(engine);
    expect(await runCli(argv('get', '3'), deps)).toBe(2);
    expect(deps.stderr.text).toMatch(/^engram: internal error: boom\nTypeError: boom\n\s+at /);
    expect(engine.closed).toBe(1);
  });

  it('maps an EngramError to exit 1 with exactly one line and no stack, and closes the engine', async () => {
    const engine = new FakeEngine({
      getNote: async () => {
        throw new EngramError('NOT_FOUND', 'There is no note 3.\nSee `engram list`.');
      },
    });
    const deps = fakeDeps(engine);
    expect(await runCli(argv('get', '3'), deps)).toBe(1);
    expect(deps.stderr.text).toBe('engram: There is no note 3. See `engram list`.\n');
    expect(deps.stdout.text).toBe('');
    expect(engine.closed).toBe(1);
  });

  it.each(['0', '-3', '1.5', 'abc', '12abc', '99999999999999999999'])('rejects note ID %j before opening the engine', async (id) => {
    const engine = new FakeEngine();
    const deps = fakeDeps(engine);
    expect(await runCli(argv('forget', '--', id), deps)).toBe(1);
    expect(deps.stderr.text.trimEnd().split('\n')).toHaveLength(1);
    expect(deps.stderr.text).toContain('A note ID is a positive whole number');
    expect(deps.opened).toEqual([]);
  });

  it('treats unknown commands and options as usage errors (exit 1, one line)', async () => {
    for (const args of [['lst'], ['list', '--bogus'], ['recall', 'x', '--mode', 'fuzzy'], ['list', '--limit', '0']]) {
      const deps = fakeDeps(new FakeEngine());
      expect(await runCli(argv(...args), deps)).toBe(1);
      expect(deps.stderr.text).toMatch(/^engram: [^\n]+\n$/);
    }
  });

  it('prints help on stdout with exit 0', async () => {
    const deps = fakeDeps(new FakeEngine());
    expect(await runCli(argv('--help'), deps)).toBe(0);
    expect(deps.stdout.text).toContain('Usage: engram');
    expect(deps.stdout.text).toContain('Exit codes: 0 ok, 1');
  });
});

describe('data directory', () => {
  it('uses the default data directory, or --data-dir resolved against the working directory', async () => {
    const engine = new FakeEngine({ getNote: async () => sampleNote() });
    const deps = fakeDeps(engine);
    await runCli(argv('get', '7'), deps);
    await runCli(argv('--data-dir', 'mem', 'get', '7'), deps);
    await runCli(argv('get', '7', '--data-dir', '/abs/dir'), deps);
    expect(deps.opened).toEqual(['/default/Engram', '/work/mem', '/abs/dir']);
  });
});

describe('add (in process)', () => {
  it('reads stdin when no text or --file is given, with source kind cli', async () => {
    const added: unknown[] = [];
    const engine = new FakeEngine({
      addNote: async (note) => {
        added.push(note);
        return { note: sampleNote({ title: 'Line one' }), duplicate: false };
      },
    });
    const deps = fakeDeps(engine, { stdin: ['Line one\n', 'line two\n'] });
    expect(await runCli(argv('add', '--tag', 'a', '--tag', 'b/c'), deps)).toBe(0);
    expect(added).toEqual([{ body: 'Line one\nline two\n', title: undefined, tags: ['a', 'b/c'], source: { kind: 'cli', path: null } }]);
    expect(deps.stdout.text).toContain('Added note 7: Line one');
    expect(deps.stdout.text).toContain('engram wait');
  });

  it('refuses text and --file together, and empty text', async () => {
    const deps = fakeDeps(new FakeEngine());
    expect(await runCli(argv('add', 'hello', '--file', 'x.md'), deps)).toBe(1);
    expect(await runCli(argv('add', '   '), deps)).toBe(1);
    expect(deps.stderr.text).toBe(
      'engram: Give the note either as text or with --file, not both.\nengram: The note text is empty: there is nothing to add.\n',
    );
    expect(deps.opened).toEqual([]);
  });
});

describe('recall output', () => {
  it('prints plain snippets when stdout is not a terminal, and notes pending embeddings', async () => {
    const deps = fakeDeps(new FakeEngine({ recall: async () => sampleRecall(3) }));
    expect(await runCli(argv('recall', 'starter'), deps)).toBe(0);
    expect(deps.stdout.text).not.toContain('\x1b[');
    expect(deps.stdout.text).toContain('1. Sourdough starter  ');
    expect(deps.stdout.text).toContain('   Feed the starter twice a day.\n');
    expect(deps.stdout.text).toContain('note 7 · meaning #2, keyword #1 · score 0.033');
    expect(deps.stdout.text).toContain('\nRun `engram wait` (or open the app) to embed the 3 pending passages.\n');
  });

  it('prints the engine\'s notices after the results, and on stderr with --json', async () => {
    const notice = 'Ollama is not running. Showing keyword matches only.';
    const human = fakeDeps(new FakeEngine({ recall: async () => sampleRecall(0, [notice]) }));
    expect(await runCli(argv('recall', 'starter'), human)).toBe(0);
    expect(human.stdout.text.endsWith(`\n\n${notice}\n`)).toBe(true);
    const json = fakeDeps(new FakeEngine({ recall: async () => sampleRecall(0, [notice]) }));
    expect(await runCli(argv('recall', 'starter', '--json'), json)).toBe(0);
    expect(json.stderr.text).toBe(`engram: ${notice}\n`);
    expect(Object.keys(JSON.parse(json.stdout.text) as object)).toEqual(['results']);
  });

  it('shows the date range a --when phrase resolved to', async () => {
    const result = { ...sampleRecall(), appliedRange: { from: new Date(2024, 2, 4).toISOString(), to: null } };
    const deps = fakeDeps(new FakeEngine({ recall: async () => result }));
    expect(await runCli(argv('recall', 'starter', '--when', 'since March 4'), deps)).toBe(0);
    expect(deps.stdout.text.split('\n')[0]).toBe('Notes created from 2024-03-04 00:00');
  });

  it('highlights matches on a terminal and omits the pending line when nothing is pending', async () => {
    const deps = fakeDeps(new FakeEngine({ recall: async () => sampleRecall(0) }), { stdoutTty: true });
    expect(await runCli(argv('recall', 'starter'), deps)).toBe(0);
    expect(deps.stdout.text).toContain('Feed the \x1b[1;7mstarter\x1b[22;27m twice a day.');
    expect(deps.stdout.text).not.toContain('pending');
  });

  it('passes the query, filters and options through to the engine', async () => {
    let seen: unknown;
    const deps = fakeDeps(
      new FakeEngine({
        recall: async (query, options) => {
          seen = { query, options };
          return sampleRecall();
        },
      }),
    );
    const args = ['recall', 'bread', 'recipe', '--limit', '3', '--mode', 'keyword', '--tag', 'kitchen', '--when', 'last week'];
    expect(await runCli(argv(...args), deps)).toBe(0);
    expect(seen).toEqual({ query: 'bread recipe', options: { tags: ['kitchen'], limit: 3, mode: 'keyword', when: 'last week' } });
  });

  it('prints exactly the documented JSON shape', async () => {
    const deps = fakeDeps(new FakeEngine({ recall: async () => sampleRecall(2) }));
    expect(await runCli(argv('--json', 'recall', 'starter'), deps)).toBe(0);
    const doc = JSON.parse(deps.stdout.text) as { results: Record<string, unknown>[] };
    expect(Object.keys(doc)).toEqual(['results']);
    expect(Object.keys(doc.results[0]!).slice(0, 7)).toEqual(['id', 'title', 'score', 'snippet', 'tags', 'createdAt', 'source']);
    expect(doc.results[0]).toMatchObject({
      id: 7,
      snippet: 'Feed the\nstarter twice a day.',
      source: { kind: 'cli', path: null },
      highlights: [{ start: 9, end: 16 }],
    });
  });
});

describe('wait (in process)', () => {
  function drainingEngine(): FakeEngine {
    const engine: FakeEngine = new FakeEngine({
      drainQueue: async () => {
        for (let done = 0; done <= 4; done += 2) engine.emit({ kind: 'embedding', done, total: 4, value: done / 4 });
        return 4;
      },
      status: async () => sampleStatus(),
    });
    return engine;
  }

  it('prints plain progress lines on stderr when it is not a terminal', async () => {
    const deps = fakeDeps(drainingEngine());
    expect(await runCli(argv('wait'), deps)).toBe(0);
    expect(deps.stderr.text).toMatch(/^embedding: 0\/4 chunks \(0%\)\n(.*\n)*embedding: 4\/4 chunks \(100%\)\n$/);
    expect(deps.stdout.text).toMatch(/^Embedded 4 chunks in \d+s\.\n$/);
  });

  it('draws a bar on a terminal and prints a JSON summary with --json', async () => {
    const deps = fakeDeps(drainingEngine(), { stderrTty: true });
    expect(await runCli(argv('wait', '--json'), deps)).toBe(0);
    expect(deps.stderr.text).toContain('\r\x1b[Kembedding [');
    expect(deps.stderr.text).toContain('100% 4/4 chunks');
    expect(deps.stderr.text.endsWith('\n')).toBe(true);
    expect(JSON.parse(deps.stdout.text)).toMatchObject({ embedded: 4, pending: 0, failed: 0 });
  });
});

describe('status output', () => {
  it('prints counts, the model and its health, and what to do about pending or failed embeddings', async () => {
    const status = sampleStatus({
      embeddings: { pending: 2, failed: 1, done: 4 },
      failures: [{ chunkId: 9, noteId: 3, reason: 'input too long' }],
      provider: { reachable: false, drift: 'unreachable', currentDigest: null, message: 'Start Ollama.', checkedAt: '' },
    });
    const deps = fakeDeps(new FakeEngine({ status: async () => status }));
    expect(await runCli(argv('status'), deps)).toBe(0);
    expect(deps.stdout.text).toBe(
      [
        'Data directory  /d',
        'Notes           2',
        'Chunks          4',
        'Embeddings      4 done, 2 pending, 1 failed',
        'Model           builtin universal-sentence-encoder-lite (512 dimensions, active)',
        'Model check     unreachable (keyword search still works)',
        'Database size   38.8 MB',
        'Schema version  4',
        '',
        'Failed embeddings:',
        '  note 3, chunk 9: input too long',
        '',
        'Start Ollama.',
        '',
        'Run `engram wait` (or open the app) to embed the pending chunks.',
        '',
      ].join('\n'),
    );
  });

  it('prints the EngramStatus object with --json', async () => {
    const deps = fakeDeps(new FakeEngine({ status: async () => sampleStatus() }));
    expect(await runCli(argv('status', '--json'), deps)).toBe(0);
    expect(JSON.parse(deps.stdout.text)).toEqual(sampleStatus());
  });
});

describe('helpers', () => {
  it('parses IDs and dates', () => {
    expect(parseId('42')).toBe(42);
    expect(() => parseId('4e2')).toThrow(/positive whole number/);
    expect(parseFromDate('2024-03-01')).toBe(new Date(2024, 2, 1).toISOString());
    expect(parseToDate('2024-03-31')).toBe(new Date(2024, 3, 1).toISOString());
    expect(parseFromDate('2024-03-01T09:30Z')).toBe('2024-03-01T09:30:00.000Z');
    expect(() => parseFromDate('2024-02-30')).toThrow(/Expected a date/);
    expect(() => parseFromDate('last week')).toThrow(/use --when/);
  });

  it('renders snippets on one line with merged, clamped highlights', () => {
    expect(renderSnippet('a  quick\n\nbrown fox', [{ start: 3, end: 8 }, { start: 6, end: 15 }, { start: 14, end: 99 }], brackets)).toBe(
      'a [quick brown fox]',
    );
    expect(renderSnippet('no highlights', [], brackets)).toBe('no highlights');
  });

  it('fits the progress bar to the terminal width and throttles plain lines', () => {
    const bar = renderBar('embedding', 5, 10, 2.5, 80);
    expect(bar).toMatch(/^embedding \[#+-+\] {2}50% 5\/10 chunks {2}2\.5\/s {2}eta 2s$/);
    expect(bar.length).toBeLessThan(80);
    expect(renderBar('embedding', 5, 10, 2.5, 30).length).toBe(29);
    expect(renderBar('embedding', 0, 10, 0, 80)).toContain('0.0/s  eta ?');
    let now = 0;
    const sink = captureStream();
    const lines = new LineProgress(sink, 'x', 1000, () => now);
    lines.update(1, 10);
    now = 500;
    lines.update(2, 10); // too soon: skipped
    now = 1600;
    lines.update(3, 10);
    lines.update(10, 10); // the end is always shown
    expect(sink.text).toBe('x: 1/10 chunks (10%)\nx: 3/10 chunks (30%)\nx: 10/10 chunks (100%)\n');
  });
});

describe('wait summary', () => {
  it('tells an empty queue from one whose entries wait for a retry, and passes on the provider advice', () => {
    const summary = { embedded: 0, pending: 0, failed: 0, tookMs: 10 };
    expect(formatWaitSummary(summary, null)).toEqual(['Nothing to embed: the queue is empty.']);
    expect(formatWaitSummary({ ...summary, pending: 3 }, 'Start Ollama.')).toEqual([
      'Nothing was due for embedding.',
      '3 chunk(s) wait for a retry after a failed attempt; run `engram wait` again later (`engram status` shows the backlog).',
      'Start Ollama.',
    ]);
    expect(formatWaitSummary({ embedded: 1, pending: 0, failed: 2, tookMs: 65_000 }, 'Check the model.')).toEqual([
      'Embedded 1 chunk in 1m05s.',
      '2 chunk(s) failed to embed; `engram status` shows why.',
      'Check the model.',
    ]);
    expect(formatWaitSummary({ embedded: 5, pending: 0, failed: 0, tookMs: 2_000 }, 'Not shown.')).toEqual(['Embedded 5 chunks in 2s.']);
  });
});
