// A search's query embedding never waits behind background document batches: unit behaviour of the two lanes, and
// the real built-in model in its worker thread answering a query before a long batch sent ahead of it.
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { BuiltinProvider } from '../../src/core/embedding/builtin/builtin-provider';
import { EmbedLanes, type LaneAnswer } from '../../src/core/embedding/builtin/embed-lanes';

/** A fake model whose calls finish only when the test says so; records what each call embedded. */
function steppedModel() {
  const calls: string[][] = [];
  const finish: (() => void)[] = [];
  const embed = (texts: string[]) =>
    new Promise<Float32Array[]>((resolve, reject) => {
      calls.push(texts);
      finish.push(() => (texts.includes('boom') ? reject(new Error('model failed')) : resolve(texts.map((t) => Float32Array.of(t.length)))));
    });
  const step = async () => {
    await new Promise((r) => setImmediate(r));
    finish.shift()?.();
    await new Promise((r) => setImmediate(r));
  };
  return { calls, embed, step };
}

/** Documents go on right after a query: the ordering tests below are about the lanes alone. */
const NO_GRACE = { queryGraceMs: 0, maxHoldMs: 0 };

describe('embed lanes', () => {
  it('slices document batches and puts a query that arrives meanwhile before the next slice', async () => {
    const model = steppedModel();
    const lanes = new EmbedLanes(model.embed, 10, NO_GRACE);
    const answers: [string, LaneAnswer][] = [];
    lanes.add('document', ['aaaaaa', 'bbbbbb', 'cccccc'], (a) => answers.push(['docs', a]));
    await model.step(); // first slice running... (a fresh step starts the pump)
    lanes.add('query', ['q'], (a) => answers.push(['query', a]));
    while (answers.length < 2) await model.step();
    expect(model.calls).toEqual([['aaaaaa'], ['q'], ['bbbbbb'], ['cccccc']]);
    expect(answers.map(([who]) => who)).toEqual(['query', 'docs']);
    expect(answers[1]![1]).toEqual({ vectors: [Float32Array.of(6), Float32Array.of(6), Float32Array.of(6)] });
  });

  it('embeds waiting queries together, answers document batches in order, and fails only the batch whose call failed', async () => {
    const model = steppedModel();
    const lanes = new EmbedLanes(model.embed, 100, NO_GRACE);
    const order: string[] = [];
    const seen = (name: string) => (answer: LaneAnswer) => order.push(`${name}:${'error' in answer ? answer.error : answer.vectors.length}`);
    lanes.add('document', ['boom'], seen('bad'));
    lanes.add('document', ['x', 'y'], seen('good'));
    lanes.add('query', ['one'], seen('q1'));
    lanes.add('query', ['two', 'three'], seen('q2'));
    while (order.length < 4) await model.step();
    expect(model.calls[0]).toEqual(['boom']); // already running when the queries came
    expect(model.calls[1]).toEqual(['one', 'two', 'three']);
    expect(order).toEqual(['bad:model failed', 'q1:1', 'q2:2', 'good:2']);
  });
});

describe('embed lanes while a person types', () => {
  it('holds document slices back for a moment after a query, so the next keystroke finds the model idle', async () => {
    const model = steppedModel();
    const lanes = new EmbedLanes(model.embed, 10, { queryGraceMs: 2_000, maxHoldMs: 10_000 });
    const order: string[] = [];
    lanes.add('typing', ['q1'], () => order.push('q1'));
    await model.step();
    lanes.add('document', ['aaaaaa'], () => order.push('docs'));
    for (let i = 0; i < 5; i++) await model.step();
    expect(model.calls).toEqual([['q1']]); // the document waits: another keystroke may come
    lanes.add('typing', ['q2'], () => order.push('q2'));
    for (let i = 0; i < 3; i++) await model.step();
    expect(model.calls).toEqual([['q1'], ['q2']]); // it went at once, not behind a slice
    while (order.length < 3) await model.step(); // the grace ends and the backlog goes on
    expect(order).toEqual(['q1', 'q2', 'docs']);
  });

  it('does not hold documents back after an agent\'s query (one not typed by a person)', async () => {
    const model = steppedModel();
    const lanes = new EmbedLanes(model.embed, 10, { queryGraceMs: 60_000, maxHoldMs: 60_000 });
    const order: string[] = [];
    lanes.add('query', ['q'], () => order.push('q'));
    await model.step();
    lanes.add('document', ['aaaaaa'], () => order.push('docs'));
    while (order.length < 2) await model.step();
    expect(model.calls).toEqual([['q'], ['aaaaaa']]);
  });

  it('lets a document slice through a steady stream of queries', async () => {
    const model = steppedModel();
    const lanes = new EmbedLanes(model.embed, 10, { queryGraceMs: 60_000, maxHoldMs: 30 });
    let documentDone = false;
    lanes.add('typing', ['q'], () => undefined);
    await model.step();
    lanes.add('document', ['aaaaaa'], () => (documentDone = true));
    for (let i = 0; i < 300 && !documentDone; i++) {
      // a query every few ms, each embedded before the next comes: without a limit the grace would hold the document
      lanes.add('typing', [`q${i}`], () => undefined);
      await model.step();
      await new Promise((r) => setTimeout(r, 5));
      await model.step();
    }
    expect(documentDone).toBe(true);
  });
});

describe('the built-in model in its worker', () => {
  const provider = new BuiltinProvider();
  afterAll(() => provider.close());

  it('answers a query sent after a long document batch before that batch', async () => {
    await provider.warmUp();
    const cisi = fs.readFileSync(new URL('../../../shared/datasets/cisi/CISI.ALL', import.meta.url), 'utf8');
    const abstracts = cisi.split(/\n\.I /).slice(1, 41).map((doc) => doc.replace(/^\.[A-Z]$/gm, ' ').slice(0, 900));
    const order: string[] = [];
    const batch = provider.embedDocuments(abstracts).then((vectors) => order.push(`batch of ${vectors.length}`));
    await new Promise((r) => setTimeout(r, 50)); // the batch is with the model now
    const query = provider.embedQuery('how are libraries classified').then((vector) => order.push(`query of ${vector.length} dimensions`));
    await Promise.all([batch, query]);
    expect(order).toEqual(['query of 512 dimensions', 'batch of 40']);
  });
});
