import { analyseAnswer } from '../../shared/answer-citations';
import type { AskEvent, AskPassage, AskPhase, AskProblem, AskRequest, AskThread, AskThreadSummary, AskTurn } from '../../shared/ask-models';
import type { AddNoteResult, NewNote, Note, RecallHit, RecallOptions, RecallResult } from '../../shared/models';
import type { AskThreadsRepository, NewTurnRecord } from '../db/repositories/ask-threads-repository';
import { EngramError, isEngramError } from '../errors';
import { answerNote, ASK_SOURCE_KIND } from './answer-note';
import type { AskSettingsStore } from './ask-settings';
import { noChatModel } from './chat-errors';
import { ChatError, type ChatModelInfo, type ChatProvider } from './chat-provider';
import { installedChatModels, preferredChatModel } from './installed-chat-models';
import { OllamaChatProvider } from './ollama-chat-provider';
import { passagesFromHits } from './passages';
import { packPrompt, type HistoryTurn } from './prompt-packing';

/** What Ask needs from the rest of the engine. */
export interface AskServiceDeps {
  /** The engine's own recall (public API): the same filters and ranking as search. */
  readonly recall: (query: string, options: RecallOptions) => Promise<RecallResult>;
  /** Reads notes (their bodies give the passages). */
  readonly notes: (ids: readonly number[]) => Promise<Note[]>;
  readonly getNote: (id: number) => Promise<Note>;
  readonly addNote: (note: NewNote) => Promise<AddNoteResult>;
  readonly threads: AskThreadsRepository;
  readonly settings: AskSettingsStore;
  /** Ollama's base URL now (throws EngramError for an OLLAMA_HOST that is not an address). */
  readonly ollamaHost: () => string;
  /** Receives every event of every running question. */
  readonly emit: (event: AskEvent) => void;
  /** Builds a chat provider (default: Ollama's). */
  readonly chatProvider?: (host: string, model: string) => ChatProvider;
  /** Lists installed chat models (default: Ollama's /api/tags + /api/show). */
  readonly installedChatModels?: (host: string) => Promise<string[]>;
  /** After this long without a first piece, the question shows as loading the model (default 1,500 ms). */
  readonly loadingAfterMs?: number;
  /** Answer pieces are sent at most this often after the first (default 30 ms). */
  readonly tokenFlushMs?: number;
}

/** What the person is told when no note is relevant: the model is not asked. */
export const NO_RELEVANT_ANSWER = "Your notes don't seem to cover this, so there is nothing to answer from. These are the closest notes:";
/** Closest notes shown instead of an answer. */
const CLOSEST_SHOWN = 5;
/** Longest question, in characters. */
const MAX_QUESTION_CHARS = 4000;

/** Notes to recall for a context window: about one per 300 tokens, 6 to 24. */
export function recallLimit(contextTokens: number): number {
  return Math.max(6, Math.min(24, Math.ceil(contextTokens / 300)));
}

/** A hit as a closest note (number 0: not given to a model). */
function closestNote(hit: RecallHit): AskPassage {
  return { number: 0, noteId: hit.id, title: hit.title, createdAt: hit.createdAt, tags: hit.tags, text: hit.snippet.text, range: hit.snippet.range, truncated: false };
}

/** Collects answer pieces and sends them in batches: the first at once, then at most every `everyMs`. */
class PieceBatcher {
  private buffer = '';
  private timer: ReturnType<typeof setTimeout> | null = null;
  private sentAny = false;

  constructor(
    private readonly send: (text: string) => void,
    private readonly everyMs: number,
  ) {}

  add(text: string): void {
    this.buffer += text;
    if (!this.sentAny) return this.flush();
    this.timer ??= setTimeout(() => this.flush(), this.everyMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.buffer === '') return;
    this.sentAny = true;
    const text = this.buffer;
    this.buffer = '';
    this.send(text);
  }
}

/**
 * Ask: answers a question from the person's notes with a local chat model. The question runs through recall (with
 * the search filters); when nothing relevant is found it says so and shows the closest notes without asking a
 * model. Otherwise the best passages are packed into the model's context window, the answer streams as events, its
 * citations are checked against the passages given, and the turn is stored in its thread. Stop aborts the request;
 * what streamed stays.
 */
export class AskService {
  private readonly running = new Map<string, AbortController>();
  private readonly providers = new Map<string, ChatProvider>();

  constructor(private readonly deps: AskServiceDeps) {}

  /** Asks a question (a follow-up when `threadId` is set); resolves with the finished turn. */
  async ask(request: AskRequest): Promise<AskTurn> {
    const question = typeof request.question === 'string' ? request.question.trim() : '';
    if (question === '') throw new EngramError('INVALID_INPUT', 'The question is empty: say what you want to know.');
    if (question.length > MAX_QUESTION_CHARS) throw new EngramError('INVALID_INPUT', `The question is ${question.length} characters long; keep it under ${MAX_QUESTION_CHARS}.`);
    if (this.running.has(request.requestId)) throw new EngramError('INVALID_INPUT', `A question with the request id ${request.requestId} is already running.`);
    const controller = new AbortController();
    this.running.set(request.requestId, controller);
    try {
      return await this.run(request, question, controller.signal);
    } finally {
      this.running.delete(request.requestId);
    }
  }

  /** Stops a running question (its HTTP request is aborted; what streamed is kept); false when it is not running. */
  stop(requestId: string): boolean {
    const controller = this.running.get(requestId);
    controller?.abort();
    return controller !== undefined;
  }

  /** Stops every running question (the engine is closing). */
  stopAll(): void {
    for (const controller of this.running.values()) controller.abort();
  }

  /** Threads, most recently used first. */
  listThreads(): Promise<AskThreadSummary[]> {
    return this.deps.threads.list();
  }

  /** A thread with its turns. */
  async getThread(id: number): Promise<AskThread> {
    const summary = await this.deps.threads.thread(id);
    if (!summary) throw new EngramError('NOT_FOUND', `There is no Ask thread ${id}.`);
    return { ...summary, turns: await this.deps.threads.turns(id) };
  }

  /** Deletes a thread and its turns. */
  async deleteThread(id: number): Promise<void> {
    if (!(await this.deps.threads.deleteThread(id))) throw new EngramError('NOT_FOUND', `There is no Ask thread ${id}.`);
  }

  /** Saves a turn's answer as a note linking to its sources; saving again returns the note already saved. */
  async saveAnswer(turnId: number): Promise<AddNoteResult> {
    const turn = await this.deps.threads.turn(turnId);
    if (!turn) throw new EngramError('NOT_FOUND', `There is no answer ${turnId}.`);
    if (turn.state === 'no-relevant-notes' || turn.answer.trim() === '') throw new EngramError('INVALID_INPUT', 'This question has no answer to save.');
    if (turn.savedNoteId !== null) {
      const existing = await this.deps.getNote(turn.savedNoteId).catch(() => null);
      if (existing && existing.deletedAt === null) return { note: existing, duplicate: true };
    }
    const added = await this.deps.addNote(answerNote(turn));
    await this.deps.threads.setSavedNote(turnId, added.note.id);
    return added;
  }

  private async run(request: AskRequest, question: string, signal: AbortSignal): Promise<AskTurn> {
    const started = performance.now();
    const { requestId } = request;
    const status = (phase: AskPhase, model: string | null) => this.deps.emit({ kind: 'status', requestId, phase, model });
    status('recalling', null);
    const settings = await this.deps.settings.get();
    const threadId = request.threadId ?? null;
    if (threadId !== null && !(await this.deps.threads.thread(threadId))) throw new EngramError('NOT_FOUND', `There is no Ask thread ${threadId}.`);
    const earlier = threadId !== null ? await this.deps.threads.turns(threadId) : [];
    const history: HistoryTurn[] = earlier.filter((t) => t.state !== 'no-relevant-notes' && t.answer.trim() !== '');
    const previousQuestion = earlier[earlier.length - 1]?.question;

    const model = this.resolveModel(request.model ?? settings.chatModel);
    model.catch(() => undefined); // awaited below, after recall
    // A follow-up ("and in April?") is recalled together with the question before it.
    const recallQuery = previousQuestion ? `${previousQuestion} ${question}` : question;
    const recalled = await this.deps.recall(recallQuery, { ...request.filters, limit: recallLimit(settings.contextTokens) });
    // Answers saved from Ask are notes too, but citing them would cite the model itself: they are not sources.
    const hits = recalled.results.filter((hit) => hit.source.kind !== ASK_SOURCE_KIND);
    const relevant = hits.filter((hit) => !hit.lessRelated);
    const closest = hits.slice(0, CLOSEST_SHOWN).map(closestNote);
    const notices = [...recalled.notices];
    const base = { question, threadId, closest: [] as AskPassage[], packing: null, error: null, doneReason: null, savedNoteId: null };
    const elapsed = () => performance.now() - started;

    let chosen: { provider: ChatProvider; info: ChatModelInfo };
    try {
      chosen = await model;
    } catch (error) {
      if (!(error instanceof ChatError)) throw error;
      return this.unavailable(requestId, { ...base, closest }, error.toProblem() ?? { code: 'ollama-failed', message: error.message, command: null, pullModel: null }, notices, elapsed());
    }
    if (signal.aborted) return this.finish(requestId, { ...base, answer: '', state: 'stopped', model: chosen.info.model, passages: [], notices, timings: { prepareMs: elapsed(), firstTokenMs: null, loadMs: null, totalMs: elapsed() } });

    if (relevant.length === 0) {
      return this.finish(requestId, {
        ...base,
        closest,
        answer: NO_RELEVANT_ANSWER,
        state: 'no-relevant-notes',
        model: null,
        passages: [],
        notices,
        timings: { prepareMs: elapsed(), firstTokenMs: null, loadMs: null, totalMs: elapsed() },
      });
    }

    const notes = new Map((await this.deps.notes(relevant.map((h) => h.id))).map((n) => [n.id, n]));
    const contextTokens = Math.min(settings.contextTokens, chosen.info.contextLength ?? Number.POSITIVE_INFINITY);
    const packed = packPrompt({ question, history, candidates: passagesFromHits(relevant, notes), contextTokens });
    const { packing, passages } = packed;
    const modelName = chosen.info.model;
    if (packing.passagesLeftOut > 0) {
      const n = packing.passagesLeftOut;
      notices.push(`${n} relevant passage${n === 1 ? ' was' : 's were'} left out to fit ${modelName}'s context window (${contextTokens.toLocaleString('en')} tokens).`);
    }
    if (packing.historyTurnsLeftOut > 0) {
      const n = packing.historyTurnsLeftOut;
      notices.push(`The ${n === 1 ? 'oldest question' : `${n} oldest questions`} of this thread ${n === 1 ? 'was' : 'were'} left out of the model's context to make room.`);
    }
    const prepareMs = elapsed();
    this.deps.emit({ kind: 'passages', requestId, passages, packing, notices: [...notices] });
    status('thinking', modelName);

    let answer = '';
    let firstTokenMs: number | null = null;
    let loadMs: number | null = null;
    let doneReason: string | null = null;
    let promptTokensReported: number | null = null;
    let state: NewTurnRecord['state'] = 'complete';
    let error: string | null = null;
    const batcher = new PieceBatcher((text) => this.deps.emit({ kind: 'token', requestId, text }), this.deps.tokenFlushMs ?? 30);
    let loaded: boolean | null | undefined;
    void chosen.provider.isLoaded().then((value) => {
      loaded = value;
      if (value === false && firstTokenMs === null) status('loading-model', modelName);
    });
    const slow = setTimeout(() => {
      if (firstTokenMs === null) status(loaded === true ? 'thinking' : 'loading-model', modelName);
    }, this.deps.loadingAfterMs ?? 1500);
    try {
      for await (const event of chosen.provider.stream({ messages: packed.messages, contextTokens, answerTokens: packing.answerTokens, signal })) {
        if (event.kind === 'piece') {
          if (firstTokenMs === null) {
            firstTokenMs = elapsed();
            status('answering', modelName);
          }
          answer += event.text;
          batcher.add(event.text);
        } else {
          doneReason = event.doneReason;
          loadMs = event.loadMs;
          promptTokensReported = event.promptTokens;
        }
      }
    } catch (failure) {
      const chatError = failure instanceof ChatError ? failure : new ChatError('interrupted', String(failure));
      if (chatError.code === 'aborted' || signal.aborted) state = 'stopped';
      else if (chatError.code === 'interrupted') {
        state = 'incomplete';
        error = chatError.message;
      } else {
        // Ollama went away (or the model was removed) since it was described: nothing streamed, nothing to store.
        this.providers.delete(this.providerKey(chosen.info.host, modelName));
        clearTimeout(slow);
        return this.unavailable(requestId, { ...base, closest }, chatError.toProblem()!, notices, elapsed());
      }
    } finally {
      clearTimeout(slow);
      batcher.flush();
    }

    const analysis = analyseAnswer(answer, passages.length);
    if (analysis.invalid.length > 0) {
      const list = analysis.invalid.map((n) => `[${n}]`).join(', ');
      notices.push(`The model cited ${list}, which ${analysis.invalid.length === 1 ? 'is not a passage' : 'are not passages'} it was given; ${analysis.invalid.length === 1 ? 'it is' : 'they are'} not shown as a link.`);
    }
    if (doneReason === 'length') notices.push(`The answer reached the length limit (${packing.answerTokens} tokens) and was cut off.`);
    if (promptTokensReported !== null && promptTokensReported >= contextTokens) {
      notices.push(`Ollama reports that the prompt filled the whole context window (${contextTokens} tokens), so part of it may have been dropped.`);
    }
    if (state === 'stopped') notices.push(answer === '' ? 'Stopped before the answer began.' : 'Stopped: the answer is unfinished.');
    return this.finish(requestId, {
      ...base,
      answer,
      state,
      model: modelName,
      passages,
      packing,
      notices,
      error,
      doneReason,
      timings: { prepareMs, firstTokenMs, loadMs, totalMs: elapsed() },
    });
  }

  /** The chat model to use and its description; ChatError when there is none to be had. */
  private async resolveModel(wanted: string | null): Promise<{ provider: ChatProvider; info: ChatModelInfo }> {
    let host: string;
    try {
      host = this.deps.ollamaHost();
    } catch (error) {
      if (isEngramError(error)) throw new ChatError('invalid-host', `${error.message} Ask needs the address of Ollama.`);
      throw error;
    }
    let model = wanted;
    if (!model) {
      const installed = await (this.deps.installedChatModels ?? installedChatModels)(host);
      model = preferredChatModel(installed);
      if (!model) throw noChatModel(host);
    }
    const key = this.providerKey(host, model);
    let provider = this.providers.get(key);
    if (!provider) {
      provider = (this.deps.chatProvider ?? ((h, m) => new OllamaChatProvider({ host: h, model: m })))(host, model);
      this.providers.set(key, provider);
    }
    try {
      return { provider, info: await provider.describe() };
    } catch (error) {
      this.providers.delete(key);
      throw error;
    }
  }

  private providerKey(host: string, model: string): string {
    return `${host}\n${model}`;
  }

  /** A turn that could not be answered (no model): not stored, with what to do and the closest notes. */
  private unavailable(
    requestId: string,
    base: Pick<AskTurn, 'question' | 'threadId' | 'closest' | 'packing' | 'error' | 'doneReason' | 'savedNoteId'>,
    problem: AskProblem,
    notices: readonly string[],
    ms: number,
  ): AskTurn {
    const turn: AskTurn = {
      ...base,
      id: null,
      answer: '',
      state: 'unavailable',
      model: null,
      passages: [],
      notices,
      problem,
      createdAt: new Date().toISOString(),
      timings: { prepareMs: ms, firstTokenMs: null, loadMs: null, totalMs: ms },
    };
    this.deps.emit({ kind: 'done', requestId, turn });
    return turn;
  }

  /** Stores a finished turn in its thread (starting the thread on its first turn) and announces it. */
  private async finish(requestId: string, record: NewTurnRecord & { readonly threadId: number | null }): Promise<AskTurn> {
    const { threadId, ...fields } = record;
    const title = fields.question.length > 120 ? `${fields.question.slice(0, 119)}…` : fields.question;
    const turn = threadId === null ? await this.deps.threads.addThreadWithTurn(title, fields) : await this.deps.threads.addTurn(threadId, fields);
    this.deps.emit({ kind: 'done', requestId, turn });
    return turn;
  }
}
