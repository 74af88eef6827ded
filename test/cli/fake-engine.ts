// In-process doubles for CLI tests that need no database: a scripted CliEngine and capturing streams.
import { Readable } from 'node:stream';
import type { CliDeps, CliEngine } from '../../src/cli/cli-context';
import type { EngramStatus, Note, RecallResult } from '../../src/shared/models';

/** A text sink that records everything written to it. */
export interface CapturedStream {
  text: string;
  readonly isTTY: boolean;
  readonly columns: number;
  write(chunk: string): boolean;
}

/** A stream double that captures writes; `isTTY` pretends to be a terminal. */
export function captureStream(isTTY = false): CapturedStream {
  return {
    text: '',
    isTTY,
    columns: 60,
    write(chunk: string) {
      this.text += chunk;
      return true;
    },
  };
}

/** A note with plausible fields, overridable. */
export function sampleNote(overrides: Partial<Note> = {}): Note {
  return {
    id: 7,
    title: 'Sourdough starter',
    body: 'Feed the starter twice a day.',
    tags: ['kitchen'],
    source: { kind: 'cli', path: null },
    contentHash: 'abc',
    createdAt: '2024-03-01T09:30:00.000Z',
    updatedAt: '2024-03-01T09:30:00.000Z',
    deletedAt: null,
    ...overrides,
  };
}

/** A recall answer with one hit whose snippet highlights "starter", and the given pending count and notices. */
export function sampleRecall(pendingEmbeddings = 0, notices: string[] = []): RecallResult {
  return {
    results: [
      {
        id: 7,
        title: 'Sourdough starter',
        score: 0.0325,
        snippet: { text: 'Feed the\nstarter twice a day.', highlights: [{ start: 9, end: 16 }], range: { start: 0, end: 28 } },
        tags: ['kitchen'],
        createdAt: '2024-03-01T09:30:00.000Z',
        updatedAt: '2024-03-01T09:30:00.000Z',
        source: { kind: 'cli', path: null },
        forgotten: false,
        why: { vector: { rank: 2, similarity: 0.61 }, keyword: { rank: 1, score: 3.2 } },
      },
    ],
    mode: 'hybrid',
    appliedRange: { from: null, to: null },
    pendingEmbeddings,
    notices,
    tookMs: 4,
  };
}

/** A status snapshot with plausible fields, overridable. */
export function sampleStatus(overrides: Partial<EngramStatus> = {}): EngramStatus {
  return {
    dataDir: '/d',
    schemaVersion: 4,
    notes: 2,
    forgottenNotes: 0,
    chunks: 4,
    embeddings: { pending: 0, failed: 0, done: 4 },
    failures: [],
    activeSpace: {
      id: 1,
      provider: 'builtin',
      model: 'universal-sentence-encoder-lite',
      digest: null,
      dimensions: 512,
      state: 'active',
      createdAt: '2024-03-01T09:30:00.000Z',
    },
    provider: { reachable: true, drift: 'same', currentDigest: null, message: null, checkedAt: '2024-03-01T09:30:00.000Z' },
    databaseBytes: 40_681_828,
    ...overrides,
  };
}

/** A CliEngine whose methods throw unless overridden; records whether close() ran. */
export class FakeEngine implements CliEngine {
  closed = 0;
  private readonly listeners = new Set<Parameters<CliEngine['onProgress']>[0]>();

  constructor(private readonly overrides: Partial<CliEngine> = {}) {}

  private call<K extends keyof CliEngine>(name: K): CliEngine[K] {
    const fn = this.overrides[name];
    if (!fn) throw new Error(`FakeEngine.${name} was not expected`);
    return fn;
  }

  /** Sends a progress event to subscribers, as the engine does during drainQueue. */
  emit(progress: Parameters<Parameters<CliEngine['onProgress']>[0]>[0]): void {
    for (const listener of this.listeners) listener(progress);
  }

  addNote: CliEngine['addNote'] = (n) => this.call('addNote')(n);
  getNote: CliEngine['getNote'] = (id) => this.call('getNote')(id);
  listNotes: CliEngine['listNotes'] = (f) => this.call('listNotes')(f);
  forgetNote: CliEngine['forgetNote'] = (id) => this.call('forgetNote')(id);
  restoreNote: CliEngine['restoreNote'] = (id) => this.call('restoreNote')(id);
  recall: CliEngine['recall'] = (q, o) => this.call('recall')(q, o);
  status: CliEngine['status'] = () => this.call('status')();
  drainQueue: CliEngine['drainQueue'] = (o) => this.call('drainQueue')(o);
  onProgress: CliEngine['onProgress'] = (listener) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  close = async (): Promise<void> => {
    this.closed += 1;
  };
}

/** CLI dependencies around a fake engine, capturing stdout and stderr. */
export function fakeDeps(
  engine: FakeEngine,
  options: { stdin?: string[]; stdoutTty?: boolean; stderrTty?: boolean; env?: NodeJS.ProcessEnv } = {},
): CliDeps & { stdout: CapturedStream; stderr: CapturedStream; opened: string[] } {
  const opened: string[] = [];
  return {
    stdout: captureStream(options.stdoutTty),
    stderr: captureStream(options.stderrTty),
    stdin: Readable.from(options.stdin ?? []),
    cwd: '/work',
    env: options.env ?? {},
    defaultDataDir: () => '/default/Engram',
    openEngram: async ({ dataDir }) => {
      opened.push(dataDir);
      return engine;
    },
    opened,
  };
}

/** argv as process.argv would hold it. */
export const argv = (...args: string[]): string[] => ['node', 'engram', ...args];
