// In-process CLI tests against the REAL engine (real PGlite, real built-in model, the stand-in Ollama over HTTP):
// exit-code mapping, argument validation, and the human / JSON output of recall, status and wait.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatWaitSummary } from '../../src/cli/commands/wait';
import { formatBytes, renderSnippet } from '../../src/cli/format';
import type { Styles } from '../../src/cli/output';
import { parseFromDate, parseId, parseToDate } from '../../src/cli/parse-args';
import { BYTE_UNITS, LineProgress, renderBar } from '../../src/cli/progress-bar';
import type { Engram } from '../../src/core/engine/engram';
import { openEngram } from '../../src/core/engine/open-engram';
import type { EngramStatus, Note } from '../../src/shared/models';
import { startFakeOllamaServer, type FakeOllamaServer } from '../support/fake-ollama-server';
import { openTempEngram } from '../support/temp-engram';
import { captureStream, runWithRealOpen, SharedEngine } from './in-process';

const brackets: Styles = { bold: (t) => t, dim: (t) => t, highlight: (t) => `[${t}]` };
const DAY = 24 * 3600 * 1000;
const daysAgo = (n: number): string => new Date(Date.now() - n * DAY).toISOString();

let root: string;
beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'engram-run-cli-'));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

// One real memory (built-in model) serves the exit-code, add, recall and wait tests, which run in order.
describe('the CLI on a real memory', { timeout: 120_000 }, () => {
  let shared: SharedEngine;
  let cleanup: () => Promise<void>;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    const opened = await openTempEngram();
    cleanup = opened.cleanup;
    shared = new SharedEngine(opened.engram);
    const add = async (key: string, body: string, tags: string[], createdAt?: string): Promise<void> => {
      ids[key] = (await opened.engram.addNote({ body, tags, ...(createdAt ? { createdAt } : {}) })).note.id;
    };
    await add('starter', '# Sourdough starter\n\nFeed the\nstarter twice a day.', ['kitchen']);
    await add('recentBread', 'Bread recipe: flour, water, salt and a long rise.', ['kitchen/bread'], daysAgo(2));
    await add('oldBread', 'Bread recipe from grandma: flour, milk and butter.', ['kitchen/bread'], daysAgo(60));
    await add('travelBread', 'Bread recipe tasted in Lisbon: a corn bread called broa.', ['travel'], daysAgo(1));
  }, 120_000);

  afterAll(async () => {
    await cleanup?.();
  });

  it('maps an EngramError to exit 1 with exactly one line and no stack, and closes the engine', async () => {
    const before = shared.closes;
    const run = await shared.run(['get', '999']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('engram: There is no note 999. List notes with `engram list`.\n');
    expect(run.stdout).toBe('');
    expect(shared.closes).toBe(before + 1);
  });

  it.each(['0', '-3', '1.5', 'abc', '12abc', '99999999999999999999'])('rejects note ID %j before opening the engine', async (id) => {
    const run = await shared.run(['forget', '--', id]);
    expect(run.code).toBe(1);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain('A note ID is a positive whole number');
    expect(run.opened).toEqual([]);
  });

  it('treats unknown commands and options as usage errors (exit 1, one line)', async () => {
    for (const args of [['lst'], ['list', '--bogus'], ['recall', 'x', '--mode', 'fuzzy'], ['list', '--limit', '0'], ['ollama', 'dcotor']]) {
      const run = await shared.run(args);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr).toMatch(/^engram: [^\n]+\n$/);
      expect(run.opened).toEqual([]);
    }
  });

  it('prints help on stdout with exit 0, listing the new commands', async () => {
    const run = await shared.run(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: engram');
    expect(run.stdout).toContain('Exit codes: 0 ok, 1');
    for (const name of ['import', 'config', 'reembed', 'spaces', 'ollama']) expect(run.stdout).toMatch(new RegExp(`\\n  ${name}\\b`));
  });

  it('reads stdin when no text or --file is given, with source kind cli', async () => {
    const run = await shared.run(['add', '--tag', 'a', '--tag', 'b/c'], { stdin: ['Line one\n', 'line two\n'] });
    expect(run.code).toBe(0);
    const id = Number(/^Added note (\d+): Line one {2}#a #b\/c\n/.exec(run.stdout)?.[1]);
    expect(run.stdout).toContain('engram wait');
    const note: Note = await shared.engram.getNote(id);
    expect(note).toMatchObject({ body: 'Line one\nline two\n', title: 'Line one', tags: ['a', 'b/c'], source: { kind: 'cli', path: null } });
    ids.stdin = id;
  });

  it('refuses text and --file together, and empty text, before opening the engine', async () => {
    const both = await shared.run(['add', 'hello', '--file', 'x.md']);
    const empty = await shared.run(['add', '   ']);
    expect([both.code, empty.code]).toEqual([1, 1]);
    expect(both.stderr + empty.stderr).toBe(
      'engram: Give the note either as text or with --file, not both.\nengram: The note text is empty: there is nothing to add.\n',
    );
    expect([...both.opened, ...empty.opened]).toEqual([]);
  });

  it('prints plain snippets when stdout is not a terminal, and notes pending embeddings', async () => {
    const run = await shared.run(['recall', 'starter']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('\x1b[');
    expect(run.stdout).toMatch(/^1\. Sourdough starter {2}\d{4}-\d{2}-\d{2} {2}#kitchen\n/);
    expect(run.stdout).toContain('   Sourdough starter Feed the starter twice a day.\n'); // plain text: the heading without its '#'
    expect(run.stdout).toMatch(new RegExp(`   note ${ids.starter} · keyword #1 · score \\d\\.\\d{3}\\n`));
    expect(run.stdout).toContain('passages are still waiting for embeddings; until then they are found by keyword only.\n');
    expect(run.stdout).toMatch(/\nRun `engram wait` \(or open the app\) to embed the 5 pending passages\.\n$/);
  });

  it('passes the query, filters and options through to the engine', async () => {
    const args = ['recall', 'bread', 'recipe', '--limit', '3', '--mode', 'keyword', '--tag', 'kitchen', '--when', 'last week', '--json'];
    const run = await shared.run(args);
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as { results: { id: number; why: { vector: unknown; keyword: unknown } }[] };
    // kitchen (not travel), created in the last 7 days (not 60 days ago), keyword leg only
    expect(doc.results.map((r) => r.id)).toEqual([ids.recentBread]);
    expect(doc.results[0]!.why).toMatchObject({ vector: null, keyword: { rank: 1 } });
    const limited = JSON.parse((await shared.run(['recall', 'bread', '--mode', 'keyword', '--limit', '2', '--json'])).stdout) as { results: unknown[] };
    expect(limited.results).toHaveLength(2);
  });

  it('shows the date range a --when phrase resolved to', async () => {
    const run = await shared.run(['recall', 'starter', '--when', 'since March 4']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toMatch(/^Notes created from \d{4}-03-04 00:00$/);
  });

  it('exits 1 with one line for a time phrase it does not understand', async () => {
    const run = await shared.run(['recall', 'starter', '--when', 'gibberish']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^engram: Could not understand the time "gibberish"\. [^\n]+\n$/);
  });

  it('prints plain progress lines on stderr when it is not a terminal, then the summary', async () => {
    const run = await shared.run(['wait', '--batch-size', '2']);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^embedding: 2\/5 chunks \(40%\)\n(embedding: [34]\/5 chunks \(\d+%\)\n)*embedding: 5\/5 chunks \(100%\)\n$/);
    expect(run.stdout).toMatch(/^Embedded 5 chunks in \d+s\.\n$/);
  });

  it('highlights matches on a terminal and omits the pending lines when nothing is pending', async () => {
    const run = await shared.run(['recall', 'starter'], { stdoutTty: true });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Feed the \x1b[1;7mstarter\x1b[22;27m twice a day.');
    expect(run.stdout).toMatch(/meaning #\d+, keyword #1/);
    expect(run.stdout).not.toContain('pending');
    expect(run.stdout).not.toContain('waiting for embeddings');
  });

  it('says no note matched a query about nothing in the memory, and still lists the closest under less related', async () => {
    const run = await shared.run(['recall', 'xylophone quantum']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\n')[0]).toBe('No notes matched: none holds these words or comes close in meaning. The closest, less related:');
    expect(run.stdout).toMatch(/^1\. /m);
    const json = await shared.run(['--json', 'recall', 'xylophone quantum']);
    const doc = JSON.parse(json.stdout) as { results: { lessRelated: boolean }[] };
    expect(doc.results.length).toBeGreaterThan(0);
    expect(doc.results.every((r) => r.lessRelated)).toBe(true);
    const bread = await shared.run(['recall', 'bread recipe xylophone']);
    const lines = bread.stdout.split('\n');
    expect(lines[0]).toMatch(/^1\. /); // notes that hold a query word are matches
    if (lines.includes('Less related:')) expect(lines.indexOf('Less related:')).toBeGreaterThan(0);
  });

  it('prints exactly the documented JSON shape', async () => {
    const run = await shared.run(['--json', 'recall', 'starter', '--mode', 'keyword']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const doc = JSON.parse(run.stdout) as { results: Record<string, unknown>[] };
    expect(Object.keys(doc)).toEqual(['results']);
    expect(Object.keys(doc.results[0]!).slice(0, 7)).toEqual(['id', 'title', 'score', 'snippet', 'tags', 'createdAt', 'source']);
    const snippet = doc.results[0]!.snippet as string;
    expect(doc.results[0]).toMatchObject({ id: ids.starter, tags: ['kitchen'], source: { kind: 'manual', path: null }, forgotten: false });
    expect(snippet).toContain('Feed the\nstarter twice a day.');
    const start = snippet.indexOf('starter twice');
    expect(doc.results[0]!.highlights).toContainEqual({ start, end: start + 'starter'.length });
  });

  it('draws a bar on a terminal and prints a JSON summary with --json', async () => {
    await shared.engram.addNote({ body: 'Another note to embed, about chess openings.' });
    await shared.engram.addNote({ body: 'And one about guitar chords.' });
    const run = await shared.run(['wait', '--json'], { stderrTty: true });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('\r\x1b[Kembedding [');
    expect(run.stderr).toContain('100% 2/2 chunks');
    expect(run.stderr.endsWith('\n')).toBe(true);
    expect(JSON.parse(run.stdout)).toMatchObject({ embedded: 2, pending: 0, failed: 0 });
    const again = await shared.run(['wait']);
    expect(again.stdout).toBe('Nothing to embed: the queue is empty.\n');
    expect(again.stderr).toBe('');
  });

  it('prints the EngramStatus object with --json', async () => {
    const run = await shared.run(['status', '--json']);
    expect(run.code).toBe(0);
    const status = JSON.parse(run.stdout) as EngramStatus;
    expect(status).toMatchObject({
      notes: 7,
      forgottenNotes: 0,
      embeddings: { pending: 0, failed: 0, done: 7 },
      activeSpace: { provider: 'builtin', dimensions: 512, state: 'active' },
      provider: { reachable: true, drift: 'same', message: null },
    });
  });
});

describe('internal errors and the data directory', { timeout: 120_000 }, () => {
  it('maps an unexpected failure to exit 2 with message and stack, and still closes the engine (a database gone)', async () => {
    const dataDir = path.join(root, 'broken');
    // A real fault: the database underneath the engine is shut down after opening, as a crashed disk would leave it.
    const run = await runWithRealOpen(['--data-dir', dataDir, 'get', '1'], {
      defaultDataDir: path.join(root, 'unused'),
      wrapOpen: (engram) => engram.database.close(),
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const [first, second, ...stack] = run.stderr.trimEnd().split('\n');
    expect(first).toMatch(/^engram: internal error: \S/);
    expect(first).not.toMatch(/There is no note/);
    expect(second).toMatch(/^\w*Error\b/);
    expect(stack.length).toBeGreaterThan(0);
    expect(stack.every((line) => /^\s+at /.test(line))).toBe(true);
    // The lock was released: the memory opens again here.
    const again = await openEngram({ dataDir });
    await again.close();
  });

  it('uses the default data directory, or --data-dir resolved against the working directory', async () => {
    const cwd = path.join(root, 'cwd');
    const runs = [
      await runWithRealOpen(['status', '--json'], { defaultDataDir: path.join(root, 'default-dir'), cwd }),
      await runWithRealOpen(['--data-dir', 'mem', 'status', '--json'], { defaultDataDir: path.join(root, 'default-dir'), cwd }),
      await runWithRealOpen(['status', '--json', '--data-dir', path.join(root, 'abs')], { defaultDataDir: path.join(root, 'default-dir'), cwd }),
    ];
    const dirs = runs.map((run) => (JSON.parse(run.stdout) as EngramStatus).dataDir);
    expect(dirs).toEqual([path.join(root, 'default-dir'), path.join(cwd, 'mem'), path.join(root, 'abs')]);
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0]);
    expect(existsSync(path.join(cwd, 'mem', 'engram.lock'))).toBe(false); // closed: lock released
  });
});

// A memory on the stand-in Ollama with a failed embedding, a pending one, and Ollama then stopped.
describe('status and recall when Ollama is down', { timeout: 120_000 }, () => {
  let server: FakeOllamaServer;
  let engram: Engram;
  let shared: SharedEngine;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    server = await startFakeOllamaServer();
    ({ engram, cleanup } = await openTempEngram());
    shared = new SharedEngine(engram);
    await engram.updateSettings({ ollamaHost: server.url });
    expect((await engram.chooseEmbedding({ provider: 'ollama', model: 'paraphrase-tiny' })).outcome).toBe('switched');
    await engram.addNote({ body: 'Feed the sourdough starter twice a day.', tags: ['kitchen'] });
    await engram.drainQueue();
    // A model answering with vectors of the wrong width fails that passage for good.
    server.addFault({ kind: 'wrongDimensions', whenInputIncludes: 'POISON' });
    await engram.addNote({ body: 'The starter jar with the POISON label is for rye.' });
    await engram.drainQueue();
    await engram.addNote({ body: 'A third starter note, still queued.' });
    await server.setDown(true);
  }, 120_000);

  afterAll(async () => {
    await cleanup?.();
    await server?.close();
  });

  it('prints counts, the model and its health, and what to do about pending or failed embeddings', async () => {
    const json = JSON.parse((await shared.run(['status', '--json'])).stdout) as EngramStatus;
    expect(json.failures).toHaveLength(1);
    const failure = json.failures[0]!;
    const run = await shared.run(['status']);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[6]).toMatch(/^Database size {3}\d+(\.\d)? [KMG]?B$/);
    lines[6] = 'Database size   (varies)';
    expect(lines.join('\n')).toBe(
      [
        `Data directory  ${json.dataDir}`,
        'Notes           3',
        'Chunks          3',
        'Embeddings      1 done, 1 pending, 1 failed',
        `Model           ollama ${json.activeSpace!.model} (256 dimensions, active)`,
        'Model check     unreachable (keyword search still works)',
        'Database size   (varies)',
        `Schema version  ${json.schemaVersion}`,
        '',
        'Failed embeddings:',
        `  note ${failure.noteId}, chunk ${failure.chunkId}: ${failure.reason}`,
        '',
        `Nothing answers at ${server.url} — Ollama is not running there. Start it with \`ollama serve\`; notes are still saved and found by keyword, embeddings wait.`,
        '',
        'Run `engram wait` (or open the app) to embed the pending chunks.',
        '',
      ].join('\n'),
    );
    expect(formatBytes(json.databaseBytes)).toMatch(/^\d+(\.\d)? [KMG]?B$/);
  });

  it("prints the engine's notices after the results, and on stderr with --json", async () => {
    const human = await shared.run(['recall', 'starter']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^1\. /);
    const notice = /\n\n([^\n]+ Showing keyword matches only\.)\n/.exec(human.stdout)?.[1];
    expect(notice).toBeDefined();
    expect(human.stdout.indexOf(notice!)).toBeGreaterThan(human.stdout.indexOf('1. '));
    const json = await shared.run(['recall', 'starter', '--json']);
    expect(json.code).toBe(0);
    expect(json.stderr.split('\n')[0]).toBe(`engram: ${notice}`);
    expect(json.stderr).toMatch(/^(engram: [^\n]+\n)+$/);
    expect(Object.keys(JSON.parse(json.stdout) as object)).toEqual(['results']);
  });

  it('wait reports chunks left for a retry and the provider advice, still exit 0', async () => {
    const run = await shared.run(['wait']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('chunk(s) wait for a retry after a failed attempt');
    expect(run.stdout).toContain('1 chunk(s) failed to embed; `engram status` shows why.');
    expect(run.stdout).toContain(`Nothing answers at ${server.url} — Ollama is not running there`);
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
    expect(renderBar('pulling m', 512 * 1024, 2048 * 1024, 1024 * 1024, 100, BYTE_UNITS)).toMatch(/ 25% 512\.0 KB\/2\.0 MB {2}1\.0 MB\/s {2}eta 2s$/);
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
