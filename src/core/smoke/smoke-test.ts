import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RecallResult } from '../../shared/models';
import type { EngramApi } from '../engine/engram-api';

/** One step of the smoke test: what it checked, whether it held, how long it took, and what went wrong. */
export interface SmokeStep {
  readonly name: string;
  readonly ok: boolean;
  readonly ms: number;
  readonly detail: string | null;
}

/** The outcome of a smoke test; `ok` only when every step held. */
export interface SmokeReport {
  readonly ok: boolean;
  readonly steps: readonly SmokeStep[];
}

/** How the smoke test opens a memory: the same way the program under test does (the app: in a worker thread). */
export type OpenMemory = (dataDir: string) => Promise<EngramApi>;

const NOTE = 'Water the tomato seedlings every morning before the sun gets hot, and feed them once a week.';
const PARAPHRASE = 'how often should I look after my young vegetable plants';

/**
 * Checks that a build can do what Engram is for, on a temporary memory it removes afterwards: open a new memory,
 * store a note, embed it with the built-in model, and recall it by meaning and by keyword. Installers are launched
 * once with `--smoke-test` before they are published (.github/workflows/release.yml); the same steps run here under
 * plain Node. Never throws: a failed step is reported with its reason, and the later steps are not attempted.
 */
export async function runSmokeTest(open: OpenMemory, tempRoot: string = os.tmpdir()): Promise<SmokeReport> {
  const steps: SmokeStep[] = [];
  const dataDir = fs.mkdtempSync(path.join(tempRoot, 'engram-smoke-'));
  let memory: EngramApi | null = null;
  const step = async (name: string, check: () => Promise<string | null>): Promise<boolean> => {
    const started = performance.now();
    let detail: string | null = null;
    let ok = false;
    try {
      detail = await check();
      ok = detail === null;
    } catch (error) {
      detail = error instanceof Error ? error.message : String(error);
    }
    steps.push({ name, ok, ms: Math.round(performance.now() - started), detail });
    return ok;
  };
  let noteId = 0;
  const checks: [string, () => Promise<string | null>][] = [
    ['open a new memory', async () => ((memory = await open(dataDir)), null)],
    ['store a note', async () => ((noteId = (await memory!.addNote({ body: NOTE, tags: ['smoke'] })).note.id), null)],
    [
      'embed it with the built-in model',
      async () => {
        await memory!.drainQueue();
        const { embeddings } = await memory!.status();
        return embeddings.done > 0 && embeddings.pending === 0 && embeddings.failed === 0 ? null : `embeddings: ${JSON.stringify(embeddings)}`;
      },
    ],
    ['recall it by meaning', async () => recalledFirst(await memory!.recall(PARAPHRASE, { mode: 'vector', limit: 1 }), noteId)],
    ['recall it by keyword', async () => recalledFirst(await memory!.recall('tomato seedlings', { mode: 'keyword', limit: 1 }), noteId)],
  ];
  try {
    for (const [name, check] of checks) if (!(await step(name, check))) break;
  } finally {
    const opened = memory as EngramApi | null;
    if (opened) await step('close the memory', async () => (await opened.close(), null));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return { ok: steps.every((s) => s.ok), steps };
}

/** null when the note came first, else what came instead. */
function recalledFirst(result: RecallResult, noteId: number): string | null {
  return result.results[0]?.id === noteId ? null : `the note was not recalled first (got ${JSON.stringify(result.results.map((r) => r.id))})`;
}
