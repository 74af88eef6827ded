// Ask end to end in the core: a real Engram (PGlite, the built-in embedding model) answering through the stand-in
// Ollama on 127.0.0.1 with the real `ollama` client. Covers the answer with citations, the no-relevant-notes path,
// stop, a cut stream, every "cannot answer" case, follow-ups with the history trimmed, and saving as a note.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { analyseAnswer } from '../../src/shared/answer-citations';
import type { AskEvent, AskRequest, AskTurn } from '../../src/shared/ask-models';
import type { Engram } from '../../src/core/engine/engram';
import { startFakeOllamaServer, type FakeOllamaServer } from '../support/fake-ollama-server';
import { openTempEngram } from '../support/temp-engram';

const NOTES = [
  { title: 'Boiler decision', body: 'We decided to replace the boiler in March. The plumber quoted 2,400 euros for a condensing boiler.', tags: ['home'] },
  { title: 'Boiler service', body: 'The boiler gets its yearly service every October; the plumber checks the pressure valve.', tags: ['home'] },
  { title: 'Sourdough hydration', body: 'Sourdough hydration: 75% water works best for my starter. At 80% the dough gets too slack to shape.', tags: ['kitchen/bread'] },
  { title: 'Tomatoes', body: 'Water the tomato plants every morning and stake them in June.', tags: ['garden'] },
  { title: 'Running plan', body: 'Three easy runs a week, one long run on Sunday; increase distance by ten percent at most.', tags: ['health'] },
];

let server: FakeOllamaServer;
let engram: Engram;
let cleanup: () => Promise<void>;
const events: AskEvent[] = [];
let seq = 0;

async function ask(question: string, extra: Partial<AskRequest> = {}): Promise<{ turn: AskTurn; events: AskEvent[] }> {
  const requestId = `q${++seq}`;
  const turn = await engram.ask({ requestId, question, ...extra });
  return { turn, events: events.filter((e) => e.requestId === requestId) };
}

beforeAll(async () => {
  server = await startFakeOllamaServer();
  ({ engram, cleanup } = await openTempEngram());
  for (const note of NOTES) await engram.addNote(note);
  await engram.drainQueue();
  await engram.updateSettings({ ollamaHost: server.url });
  engram.onAskEvent((e) => events.push(e));
});
afterEach(async () => {
  await server.setDown(false);
  server.clearFaults();
  server.setChatReply(null);
  server.setChatTiming({ loadMs: 0, pieceDelayMs: 0 });
  server.install('llama3.2');
  await engram.updateAskSettings({ chatModel: null, contextTokens: null });
});
afterAll(async () => {
  // no prompt was ever longer than the num_ctx it was sent with
  expect(server.stats().chatPromptOverflows).toBe(0);
  await cleanup?.();
  await server?.close();
});

describe('answers', () => {
  it('streams an answer whose citations map to the passages given, and stores it in a new thread', async () => {
    const { turn, events: seen } = await ask('What did I decide about the boiler in March?');
    expect(turn.state).toBe('complete');
    expect(turn.model).toBe('llama3.2'); // no chat model set: the installed one is used
    expect(turn.answer).toMatch(/^Your notes say: We decided to replace the boiler in March \[\d\]\./);
    const analysis = analyseAnswer(turn.answer, turn.passages.length);
    expect(analysis.invalid).toEqual([]);
    expect(analysis.cited.length).toBeGreaterThan(0);
    const cited = turn.passages.find((p) => p.number === analysis.cited[0]);
    expect(cited?.title).toBe('Boiler decision');
    // the passage's range points at its text in the note
    const note = await engram.getNote(cited!.noteId);
    expect(note.body.slice(cited!.range.start, cited!.range.end)).toBe(cited!.text);

    // (the first question may also show status:loading-model: the stand-in reports the model as not loaded yet)
    const order = seen.map((e) => (e.kind === 'status' ? `status:${e.phase}` : e.kind)).filter((k) => k !== 'status:loading-model');
    expect(order.filter((k, i, all) => k !== all[i - 1])).toEqual([
      'status:recalling',
      'passages',
      'status:thinking',
      'status:answering',
      'token',
      'done',
    ]);
    const streamed = seen.flatMap((e) => (e.kind === 'token' ? [e.text] : [])).join('');
    expect(streamed).toBe(turn.answer);
    expect(turn.packing!.promptTokens + turn.packing!.answerTokens).toBeLessThanOrEqual(turn.packing!.contextTokens);
    expect(turn.timings.firstTokenMs).not.toBeNull();

    const thread = await engram.getAskThread(turn.threadId!);
    expect(thread.title).toBe('What did I decide about the boiler in March?');
    expect(thread.turns.map((t) => t.id)).toEqual([turn.id]);
    expect((await engram.listAskThreads()).map((t) => t.id)).toContain(turn.threadId);
  });

  it('uses the search filters: a tag keeps other notes out of the passages', async () => {
    const { turn } = await ask('what do I know about water?', { filters: { tags: ['garden'] } });
    expect(turn.passages.map((p) => p.title)).toEqual(['Tomatoes']);
  });

  it('says so, shows the closest notes and does not ask the model when no note is relevant', async () => {
    const chatsBefore = server.stats().chats;
    const { turn } = await ask('What is the capital of France?');
    expect(turn.state).toBe('no-relevant-notes');
    expect(turn.answer).toMatch(/notes don't seem to cover this/);
    expect(turn.passages).toEqual([]);
    expect(turn.closest.length).toBeGreaterThan(0);
    expect(server.stats().chats).toBe(chatsBefore);
    expect(turn.id).not.toBeNull(); // it is part of the thread
  });

  it('does not show an invented citation as valid, and says so', async () => {
    server.setChatReply('The boiler was replaced in March [1]. It cost 2,400 euros [7].');
    const { turn } = await ask('How much did the boiler cost?');
    expect(analyseAnswer(turn.answer, turn.passages.length).invalid).toEqual([7]);
    expect(turn.notices.join(' ')).toMatch(/cited \[7\], which is not a passage it was given; it is not shown as a link/);
  });

  it('shows "loading model" while a model that is not loaded loads', async () => {
    server.unloadModels();
    server.setChatTiming({ loadMs: 400 });
    const { turn, events: seen } = await ask('When is the boiler serviced?');
    expect(turn.state).toBe('complete');
    const phases = seen.flatMap((e) => (e.kind === 'status' ? [e.phase] : []));
    expect(phases.indexOf('loading-model')).toBeGreaterThan(phases.indexOf('thinking'));
    expect(phases.indexOf('loading-model')).toBeLessThan(phases.indexOf('answering'));
    expect(turn.timings.loadMs).toBe(400);
  });
});

describe('stopping and broken streams', () => {
  it('stops mid-stream: the request is aborted and what streamed stays', async () => {
    server.setChatTiming({ pieceDelayMs: 25 });
    const requestId = `stop-${++seq}`;
    const stopOnFirstToken = engram.onAskEvent((e) => {
      if (e.requestId === requestId && e.kind === 'token') void engram.stopAsk(requestId);
    });
    const turn = await engram.ask({ requestId, question: 'What did I decide about the boiler?' });
    stopOnFirstToken();
    expect(turn.state).toBe('stopped');
    expect(turn.answer.length).toBeGreaterThan(0);
    expect('Your notes say: We decided to replace the boiler in March'.startsWith(turn.answer) || turn.answer.startsWith('Your notes say')).toBe(true);
    expect(turn.answer.length).toBeLessThan(40);
    expect(turn.notices).toContain('Stopped: the answer is unfinished.');
    expect((await engram.getAskThread(turn.threadId!)).turns[0]!.answer).toBe(turn.answer);
    await expect(engram.stopAsk(requestId)).resolves.toBe(false);
  });

  it('keeps a cut stream as an incomplete answer with the reason', async () => {
    server.addFault({ kind: 'chatCut', afterPieces: 4 });
    const { turn } = await ask('What did I decide about the boiler?');
    expect(turn.state).toBe('incomplete');
    expect(turn.answer).toBe('Your notes say: ');
    expect(turn.error).toMatch(/ended before the answer was complete/);
    expect(turn.id).not.toBeNull();
  });

  it('keeps an answer ended by an error line as incomplete, with Ollama\'s message', async () => {
    server.addFault({ kind: 'chatErrorLine', afterPieces: 3, message: 'out of memory' });
    const { turn } = await ask('What did I decide about the boiler?');
    expect(turn.state).toBe('incomplete');
    expect(turn.error).toMatch(/out of memory/);
  });
});

describe('when no model can answer', () => {
  async function unavailable(question: string): Promise<AskTurn> {
    const threads = (await engram.listAskThreads()).length;
    const { turn } = await ask(question);
    expect(turn.state).toBe('unavailable');
    expect(turn.id).toBeNull();
    expect((await engram.listAskThreads()).length).toBe(threads); // not stored
    expect(turn.closest.map((c) => c.title)).toContain('Boiler decision'); // the closest notes still show
    return turn;
  }

  it('a chat model that is not installed: pull it', async () => {
    await engram.updateAskSettings({ chatModel: 'mistral' });
    const turn = await unavailable('What did I decide about the boiler?');
    expect(turn.problem).toMatchObject({ code: 'model-not-installed', command: 'ollama pull mistral', pullModel: 'mistral' });
  });

  it('an embedding-only model: choose or pull a chat model', async () => {
    await engram.updateAskSettings({ chatModel: 'nomic-embed-text' });
    const turn = await unavailable('What did I decide about the boiler?');
    expect(turn.problem).toMatchObject({ code: 'not-a-chat-model', command: 'ollama pull llama3.2' });
  });

  it('no chat model installed at all: pull llama3.2', async () => {
    server.remove('llama3.2');
    const turn = await unavailable('What did I decide about the boiler?');
    expect(turn.problem).toMatchObject({ code: 'no-chat-model', command: 'ollama pull llama3.2', pullModel: 'llama3.2' });
  });

  it('Ollama down: start it; search keeps working', async () => {
    await server.setDown(true);
    const turn = await unavailable('What did I decide about the boiler?');
    expect(turn.problem).toMatchObject({ code: 'ollama-unreachable', command: 'ollama serve' });
    const found = await engram.recall('boiler');
    expect(found.results.map((r) => r.title)).toContain('Boiler decision');
  });
});

describe('threads', () => {
  it('answers follow-ups in the same thread, with the history trimmed to fit the context window', async () => {
    await engram.updateAskSettings({ contextTokens: 1024 });
    server.setChatReply((messages) => `Reply ${messages.length}: ${'the plumber services the boiler every October and checks its valve; '.repeat(2)}[1].`);
    const first = await ask('When is the boiler serviced?');
    let last = first.turn;
    for (let i = 0; i < 5; i++) last = (await ask(`And what does the plumber check, follow-up ${i}?`, { threadId: first.turn.threadId })).turn;
    const thread = await engram.getAskThread(first.turn.threadId!);
    expect(thread.turns).toHaveLength(6);
    expect(last.packing!.historyTurnsKept).toBeGreaterThan(0);
    expect(last.packing!.historyTurnsLeftOut).toBeGreaterThan(0);
    expect(last.packing!.historyTurnsKept + last.packing!.historyTurnsLeftOut).toBe(5);
    expect(last.notices.join(' ')).toMatch(/oldest questions of this thread were left out/);
    // what was sent: system, the kept earlier turns, then the question
    const sent = server.requests.filter((r) => r.path === '/api/chat').at(-1)!.body as { messages: { role: string; content: string }[]; options: { num_ctx: number } };
    expect(sent.options.num_ctx).toBe(1024);
    expect(sent.messages.length).toBe(2 + 2 * last.packing!.historyTurnsKept);
    expect(sent.messages.at(-2)!.content).toMatch(/^Reply \d+: the plumber/);
    expect(sent.messages.at(-2)!.content).not.toContain('[1]');
  });

  it('refuses a follow-up in a thread that does not exist', async () => {
    await expect(ask('and then?', { threadId: 999_999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('saves an answer as a note with links to its sources, once', async () => {
    const { turn } = await ask('What did I decide about the boiler in March?');
    const saved = await engram.saveAskAnswer(turn.id!);
    expect(saved.duplicate).toBe(false);
    expect(saved.note.title).toBe('What did I decide about the boiler in March?');
    expect(saved.note.tags).toEqual(['ask']);
    expect(saved.note.source.kind).toBe('ask');
    expect(saved.note.body).toContain(turn.answer);
    expect(saved.note.body).toMatch(/## Sources\n\n- \*\*\[\d\]\*\* \[\[Boiler decision\]\] \(note \d+, \d{4}-\d\d-\d\d\): “We decided to replace the boiler/);
    expect(saved.note.body).toContain('Answered by llama3.2');
    const again = await engram.saveAskAnswer(turn.id!);
    expect(again).toMatchObject({ duplicate: true, note: { id: saved.note.id } });
    expect((await engram.getAskThread(turn.threadId!)).turns[0]!.savedNoteId).toBe(saved.note.id);
    // the saved answer is a note like any other: found by recall
    const found = await engram.recall('What did I decide about the boiler in March?', { mode: 'keyword', tags: ['ask'] });
    expect(found.results.map((r) => r.id)).toEqual([saved.note.id]);
    // but it is never a source for a new answer: that would cite the model itself
    const again2 = await ask('What did I decide about the boiler in March?');
    expect(again2.turn.passages.map((p) => p.noteId)).not.toContain(saved.note.id);
    expect(again2.turn.passages.length).toBeGreaterThan(0);
  });

  it('refuses to save a turn that has no answer', async () => {
    const { turn } = await ask('What is the capital of France?');
    await expect(engram.saveAskAnswer(turn.id!)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('deletes a thread and its turns', async () => {
    const { turn } = await ask('When is the boiler serviced?');
    await engram.deleteAskThread(turn.threadId!);
    expect((await engram.listAskThreads()).map((t) => t.id)).not.toContain(turn.threadId);
    await expect(engram.getAskThread(turn.threadId!)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(engram.deleteAskThread(turn.threadId!)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses an empty question and a bad setting with a clear message', async () => {
    await expect(ask('   ')).rejects.toMatchObject({ code: 'INVALID_INPUT', message: 'The question is empty: say what you want to know.' });
    await expect(engram.updateAskSettings({ contextTokens: 100 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(engram.updateAskSettings({ chatModel: 'two words' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
