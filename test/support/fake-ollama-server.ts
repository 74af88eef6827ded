// A STAND-IN FOR TESTS, NOT OLLAMA.
//
// There is no Ollama in the test environment, so tests and the benchmark start this small node:http server on
// 127.0.0.1 (random port) instead. It reproduces the parts of Ollama's HTTP API that Engram uses, as described in
// /work/shared/reference/ollama-api.md (status codes, error bodies, normalisation, `dimensions`, `truncate`, NDJSON
// pull progress), so the real `ollama` npm client can talk to it. It is not a model server: every "model" it
// lists is the built-in Universal Sentence Encoder (512-d, @energetic-ai/embeddings) followed by a fixed, seeded
// random projection to the model's width and L2 normalisation. That keeps real semantics (similar texts get
// similar vectors) and gives several deterministic models of different widths. Tokens are counted as
// ceil(characters / 4). Fault switches (down, slow, 500, 404, wrong dimensions, NaN/Inf, malformed JSON,
// context-length 400, dropped connections, stalls) can be flipped at run time.
//
// /api/chat streams NDJSON as the reference describes (pieces, then a `done: true` line with `done_reason` and the
// counters; `stream: false` gives one object; 404 for a model that is not installed, 400 for one without the
// completion capability). Its "model" is not a language model: it quotes the numbered passages of the prompt that
// share words with the question (see fake-ollama-chat.ts), or a scripted reply. Switches: a slow first load, a delay
// between pieces, a stream cut in the middle, an error line in the middle. /api/ps lists the models loaded.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { createHash } from 'node:crypto';
// mulberry32, shared with the benchmarks' vector mixtures: projections are the same in every run
import { seededRandom } from '../../bench/synthetic-vectors';
import { composeReply, fakePromptTokens, replyPieces, type FakeChatMessage } from './fake-ollama-chat';

/** A model the stand-in can serve or pull. */
export interface FakeOllamaModel {
  /** Full name with tag, as /api/tags lists it. */
  readonly name: string;
  /** `general.architecture` in /api/show. */
  readonly architecture: string;
  readonly family: string;
  readonly dimensions: number;
  /** Context length in tokens (a token is ceil(chars / 4) here). */
  readonly contextLength: number;
  readonly capabilities: readonly string[];
  readonly parameterSize: string;
  readonly quantization: string;
  readonly sizeBytes: number;
}

/** The catalogue: the popular embedding models, one unknown embedding model and one chat model. */
export const FAKE_OLLAMA_MODELS: readonly FakeOllamaModel[] = [
  model('nomic-embed-text:latest', 'nomic-bert', 768, 2048, ['embedding'], '137M', 274_302_450),
  model('mxbai-embed-large:latest', 'bert', 1024, 512, ['embedding'], '334M', 669_615_493),
  model('all-minilm:latest', 'bert', 384, 512, ['embedding'], '23M', 45_960_996),
  model('snowflake-arctic-embed2:latest', 'bert', 1024, 8192, ['embedding'], '566M', 1_159_000_000),
  model('bge-m3:latest', 'bert', 1024, 8192, ['embedding'], '567M', 1_157_672_605),
  model('qwen3-embedding:latest', 'qwen3', 4096, 40960, ['embedding'], '7.6B', 4_680_000_000),
  model('embeddinggemma:latest', 'gemma3', 768, 2048, ['embedding'], '307M', 621_875_735),
  // Not in Engram's registry and without "embed" in its name: found by capability, sized by probe and /api/show.
  model('paraphrase-tiny:latest', 'bert', 256, 128, ['embedding'], '17M', 34_000_000),
  // A chat model: it can be installed but must never be offered as an embedding model.
  model('llama3.2:latest', 'llama', 3072, 131072, ['completion', 'tools'], '3.2B', 2_019_393_189),
];

/** Models installed when a server starts, unless options say otherwise. */
export const DEFAULT_INSTALLED = ['nomic-embed-text:latest', 'qwen3-embedding:latest', 'paraphrase-tiny:latest', 'llama3.2:latest'];

/** A fault to inject; applies to matching requests until `times` runs out (forever when omitted). */
export interface FakeOllamaFault {
  readonly kind:
    | 'http500' // 500 {"error": "llama runner process has terminated: ..."}
    | 'model404' // 404 {"error": "model 'X' not found"} even for an installed model
    | 'wrongDimensions' // vectors one value short
    | 'nanError' // Ollama's own check: {"error": "embedding contains NaN or Inf values"} (status 400 unless given)
    | 'nanValues' // 200 with a null (JSON's NaN) inside a vector
    | 'infValues' // 200 with 1e999 (parses as Infinity) inside a vector
    | 'malformedJson' // 200 with a truncated JSON body
    | 'contextLength' // 400 "the input length exceeds the context length" for inputs over maxChars, even with truncate
    | 'hangUp' // the socket is destroyed without an answer
    | 'stall' // no answer at all (until the server closes)
    | 'ignoreDimensions' // answers full width even when `dimensions` is sent, as Ollama versions before it did
    | 'chatCut' // /api/chat: the connection drops after `afterPieces` pieces, with no `done: true` line
    | 'chatErrorLine'; // /api/chat: an `{"error": ...}` line after `afterPieces` pieces, then the stream ends
  /** How many matching requests it affects; forever when omitted. */
  readonly times?: number;
  /** Only requests with an input containing this string. */
  readonly whenInputIncludes?: string;
  /** Paths it applies to (default ['/api/chat'] for the chat faults, else ['/api/embed']). */
  readonly paths?: readonly string[];
  /** Status for nanError (default 400). */
  readonly status?: number;
  /** For contextLength: longest input in characters that still passes (default: the model's context × 4). */
  readonly maxChars?: number;
  /** For chatCut and chatErrorLine: pieces streamed before the fault (default 3). */
  readonly afterPieces?: number;
  /** For chatErrorLine: the error text (default Ollama's runner crash message). */
  readonly message?: string;
}

/** Settings of a stand-in server. */
export interface FakeOllamaServerOptions {
  /**
   * 'builtin' (default): the Universal Sentence Encoder, projected to each model's width. 'hashed': word-feature
   * hashing straight into the model's width (lexical only, near-zero cost), so a benchmark measures the simulated
   * latency and not this process's CPU.
   */
  readonly embedder?: 'builtin' | 'hashed';
  /** Names of installed models (default DEFAULT_INSTALLED). */
  readonly installed?: readonly string[];
  /** Requests computed at once, like OLLAMA_NUM_PARALLEL (default 1); others wait in line. */
  readonly parallel?: number;
  /** Simulated fixed cost of every embedding request, in ms. */
  readonly latencyMs?: number;
  /** Simulated cost per text, in ms. */
  readonly perTextMs?: number;
  /** Delay between pull progress lines, in ms (default 5). */
  readonly pullStepDelayMs?: number;
  /** Reported by /api/version (default '0.12.6'). */
  readonly version?: string;
  /** /api/chat: how long a model that is not loaded takes to load before its first piece, in ms (default 0). */
  readonly chatLoadMs?: number;
  /** /api/chat: delay between streamed pieces, in ms (default 0: the whole answer at once). */
  readonly chatPieceDelayMs?: number;
}

/** A scripted chat reply: fixed text, or text computed from the messages; null restores the passage-quoting reply. */
export type FakeChatReply = string | ((messages: readonly FakeChatMessage[]) => string) | null;

/** One request as the server received it. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
}

/** Load counters: how long the server had at least one embedding request in compute. */
export interface FakeOllamaStats {
  readonly requests: number;
  readonly texts: number;
  readonly busyMs: number;
  /** Most embedding requests received and not yet answered at one time. */
  readonly peakInFlight: number;
  /** /api/chat requests answered (streams started). */
  readonly chats: number;
  /** /api/chat prompts longer than their num_ctx (Ollama would silently drop their start). */
  readonly chatPromptOverflows: number;
  readonly sinceMs: number;
  readonly elapsedMs: number;
}

/** A running stand-in server and its switches. */
export interface FakeOllamaServer {
  /** Base URL, e.g. http://127.0.0.1:40123. */
  readonly url: string;
  readonly port: number;
  /** Every request received since start or clearRequests(). */
  readonly requests: readonly RecordedRequest[];
  clearRequests(): void;
  /** Stops listening and drops connections (clients get ECONNREFUSED), or listens again on the same port. */
  setDown(down: boolean): Promise<void>;
  /** Sets the simulated per-request and per-text cost. */
  setSlow(latencyMs: number, perTextMs?: number): void;
  addFault(fault: FakeOllamaFault): void;
  clearFaults(): void;
  /** Installs a model from the catalogue (as if pulled). */
  install(name: string): void;
  /** Removes an installed model. */
  remove(name: string): void;
  /** Gives an installed model a new digest, as a re-pull of an updated model would. */
  redigest(name: string): void;
  /** The digest /api/tags reports for a model now (null when not installed). */
  digestOf(name: string): string | null;
  /** Scripts the chat reply (null: quote the passages, the default). */
  setChatReply(reply: FakeChatReply): void;
  /** Sets the chat timing: load time of a model not loaded yet, and delay between pieces (ms). */
  setChatTiming(timing: { loadMs?: number; pieceDelayMs?: number }): void;
  /** Unloads every model, so the next chat pays the load time again. */
  unloadModels(): void;
  stats(): FakeOllamaStats;
  resetStats(): void;
  close(): Promise<void>;
}

function model(
  name: string,
  architecture: string,
  dimensions: number,
  contextLength: number,
  capabilities: string[],
  parameterSize: string,
  sizeBytes: number,
): FakeOllamaModel {
  return { name, architecture, family: architecture, dimensions, contextLength, capabilities, parameterSize, quantization: 'F16', sizeBytes };
}

const BASE_DIMENSIONS = 512;

/** Ollama's name matching: case-insensitive, `latest` when no tag. */
function fullName(name: string): string {
  const n = name.trim().toLowerCase();
  const slash = n.lastIndexOf('/');
  return n.indexOf(':', slash + 1) >= 0 ? n : `${n}:latest`;
}

function seedOf(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32LE(0);
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/** Word and word-pair feature hashing straight into a model's width: lexical, instant, deterministic. */
function hashedVector(text: string, dimensions: number, salt: string): number[] {
  const v = new Array<number>(dimensions).fill(0);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const features = words.length > 0 ? [...words, ...words.slice(1).map((w, i) => `${words[i]} ${w}`)] : [' '];
  for (const feature of features) {
    const h = seedOf(`${salt}|${feature}`);
    v[h % dimensions]! += (h & 0x80000000) !== 0 ? 1 : -1;
  }
  return v;
}

interface BuiltinModel {
  embed(input: string[]): Promise<number[][]>;
}

/** Starts a stand-in Ollama on 127.0.0.1 with a random free port. */
export async function startFakeOllamaServer(options: FakeOllamaServerOptions = {}): Promise<FakeOllamaServer> {
  const catalogue = new Map(FAKE_OLLAMA_MODELS.map((m) => [m.name, m]));
  const installed = new Map<string, { generation: number; modifiedAt: string }>();
  for (const name of options.installed ?? DEFAULT_INSTALLED) {
    if (!catalogue.has(fullName(name))) throw new Error(`fake-ollama: unknown model ${name}`);
    installed.set(fullName(name), { generation: 0, modifiedAt: new Date().toISOString() });
  }
  const faults: { fault: FakeOllamaFault; left: number }[] = [];
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();
  const projections = new Map<string, Float32Array>();
  const baseCache = new Map<string, Float32Array>();
  let builtin: Promise<BuiltinModel> | null = null;
  let latencyMs = options.latencyMs ?? 0;
  let perTextMs = options.perTextMs ?? 0;
  const parallel = Math.max(1, options.parallel ?? 1);
  const version = options.version ?? '0.12.6';
  const pullStepDelayMs = options.pullStepDelayMs ?? 5;
  let chatLoadMs = options.chatLoadMs ?? 0;
  let chatPieceDelayMs = options.chatPieceDelayMs ?? 0;
  let chatReply: FakeChatReply = null;
  /** Models in memory (/api/ps), with when they unload. */
  const loaded = new Map<string, number>();
  let chatCount = 0;
  let chatPromptOverflows = 0;

  // Compute slots and load accounting.
  let active = 0;
  const waiting: (() => void)[] = [];
  let busySince = 0;
  let busyMs = 0;
  let statsSince = performance.now();
  let requestCount = 0;
  let textCount = 0;
  let inFlight = 0;
  let peakInFlight = 0;
  const acquire = async (): Promise<void> => {
    if (active >= parallel) await new Promise<void>((resolve) => waiting.push(resolve));
    if (active === 0) busySince = performance.now();
    active++;
  };
  const release = (): void => {
    active--;
    if (active === 0) busyMs += performance.now() - busySince;
    waiting.shift()?.();
  };

  const digestOf = (name: string): string | null => {
    const entry = installed.get(fullName(name));
    return entry ? createHash('sha256').update(`${fullName(name)}#${entry.generation}`).digest('hex') : null;
  };

  const loadBuiltin = (): Promise<BuiltinModel> => {
    builtin ??= (async () => {
      const { loadBuiltinModel } = await import('../../src/core/embedding/builtin/load-builtin-model');
      return (await loadBuiltinModel()) as BuiltinModel;
    })().catch((error: unknown) => {
      builtin = null;
      throw error;
    });
    return builtin;
  };

  /** The 512-d base vectors of some texts (cached; the built-in model is loaded on first use). */
  const baseVectors = async (texts: readonly string[]): Promise<Float32Array[]> => {
    const missing = [...new Set(texts.filter((t) => !baseCache.has(t)))];
    if (missing.length > 0) {
      const m = await loadBuiltin();
      const vectors = await m.embed(missing.map((t) => (t.trim() === '' ? ' ' : t)));
      missing.forEach((t, i) => baseCache.set(t, Float32Array.from(vectors[i]!)));
      if (baseCache.size > 50_000) baseCache.clear();
    }
    return texts.map((t) => baseCache.get(t)!);
  };

  const projectionOf = (m: FakeOllamaModel): Float32Array => {
    let p = projections.get(m.name);
    if (!p) {
      const random = seededRandom(seedOf(m.name));
      p = new Float32Array(m.dimensions * BASE_DIMENSIONS);
      for (let i = 0; i < p.length; i += 2) {
        const u = Math.max(random(), 1e-12);
        const r = Math.sqrt(-2 * Math.log(u));
        const theta = 2 * Math.PI * random();
        p[i] = r * Math.cos(theta);
        if (i + 1 < p.length) p[i + 1] = r * Math.sin(theta);
      }
      projections.set(m.name, p);
    }
    return p;
  };

  /** The model's raw (unnormalised) output for some texts: projection of the base vector. */
  const rawVectors = async (m: FakeOllamaModel, texts: readonly string[]): Promise<number[][]> => {
    if (options.embedder === 'hashed') return texts.map((t) => hashedVector(t, m.dimensions, m.name));
    const bases = await baseVectors(texts);
    const p = projectionOf(m);
    return bases.map((b) => {
      const out = new Array<number>(m.dimensions);
      for (let r = 0; r < m.dimensions; r++) {
        let s = 0;
        const row = r * BASE_DIMENSIONS;
        for (let c = 0; c < BASE_DIMENSIONS; c++) s += p[row + c]! * b[c]!;
        out[r] = s;
      }
      return out;
    });
  };

  const normalise = (v: number[]): number[] => {
    const norm = Math.max(Math.hypot(...v), 1e-12);
    return v.map((x) => x / norm);
  };

  const takeFault = (path: string, inputs: readonly string[], modelName = ''): FakeOllamaFault | null => {
    for (const entry of faults) {
      const { fault } = entry;
      if (entry.left <= 0) continue;
      const chatFault = fault.kind === 'chatCut' || fault.kind === 'chatErrorLine';
      if (!(fault.paths ?? [chatFault ? '/api/chat' : '/api/embed']).includes(path)) continue;
      if (fault.whenInputIncludes !== undefined && !inputs.some((t) => t.includes(fault.whenInputIncludes!))) continue;
      if (fault.kind === 'contextLength') {
        const m = catalogue.get(fullName(modelName));
        const limit = fault.maxChars ?? (m ? m.contextLength * 4 : Infinity);
        if (!inputs.some((t) => t.length > limit)) continue;
      }
      entry.left--;
      return fault;
    }
    return null;
  };

  const sendJson = (res: http.ServerResponse, status: number, body: unknown): void => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const sendError = (res: http.ServerResponse, status: number, error: string): void => sendJson(res, status, { error });

  /** Applies a fault that replaces the answer; returns true when the request has been dealt with. */
  const applyAnswerFault = (fault: FakeOllamaFault | null, req: http.IncomingMessage, res: http.ServerResponse, modelName: string): boolean => {
    if (!fault) return false;
    switch (fault.kind) {
      case 'http500':
        sendError(res, 500, 'llama runner process has terminated: exit status 2');
        return true;
      case 'model404':
        sendError(res, 404, `model '${modelName}' not found`);
        return true;
      case 'nanError':
        sendError(res, fault.status ?? 400, 'embedding contains NaN or Inf values');
        return true;
      case 'contextLength':
        sendError(res, 400, 'the input length exceeds the context length');
        return true;
      case 'malformedJson':
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        res.end(`{"model":"${modelName}","embeddings":[[0.0123,-0.0456,`);
        return true;
      case 'hangUp':
        req.socket.destroy();
        return true;
      case 'stall':
        return true;
      default:
        return false;
    }
  };

  const handleEmbed = async (req: http.IncomingMessage, res: http.ServerResponse, body: Record<string, unknown>): Promise<void> => {
    const started = process.hrtime.bigint();
    const modelName = typeof body['model'] === 'string' ? body['model'] : '';
    if (modelName === '') return sendError(res, 400, 'model is required');
    let inputs: string[];
    const input = body['input'];
    if (typeof input === 'string') inputs = input.length > 0 ? [input] : [];
    else if (Array.isArray(input)) {
      if (!input.every((t) => typeof t === 'string')) return sendError(res, 400, 'invalid input type');
      inputs = input as string[];
    } else if (input === undefined || input === null) inputs = [];
    else return sendError(res, 400, 'invalid input type');
    const m = installed.has(fullName(modelName)) ? catalogue.get(fullName(modelName)) : undefined;
    if (!m) return sendError(res, 404, `model '${modelName}' not found`);
    const fault = takeFault('/api/embed', inputs, modelName);
    if (fault?.kind !== 'contextLength' && applyAnswerFault(fault, req, res, modelName)) return;
    loaded.set(m.name, Date.now() + keepAliveMs(body['keep_alive']));
    if (inputs.length === 0) {
      return sendJson(res, 200, { model: modelName, embeddings: [], total_duration: 0, load_duration: 0, prompt_eval_count: 0 });
    }
    const truncate = body['truncate'] !== false;
    const maxChars = m.contextLength * 4;
    if (fault?.kind === 'contextLength' || (!truncate && inputs.some((t) => t.length > maxChars))) {
      return sendError(res, 400, 'the input length exceeds the context length');
    }
    const texts = inputs.map((t) => (t.length > maxChars ? t.slice(0, maxChars) : t));
    await acquire();
    let vectors: number[][];
    try {
      requestCount++;
      textCount += texts.length;
      vectors = (await rawVectors(m, texts)).map(normalise);
      await sleep(latencyMs + perTextMs * texts.length);
    } finally {
      release();
    }
    const dimensions = typeof body['dimensions'] === 'number' ? body['dimensions'] : 0;
    if (fault?.kind !== 'ignoreDimensions' && dimensions > 0 && dimensions < m.dimensions) vectors = vectors.map((v) => normalise(v.slice(0, dimensions)));
    if (fault?.kind === 'wrongDimensions') vectors = vectors.map((v) => v.slice(0, -1));
    const answer = {
      model: modelName,
      embeddings: vectors,
      total_duration: Number(process.hrtime.bigint() - started),
      load_duration: 1_000_000,
      prompt_eval_count: texts.reduce((n, t) => n + Math.ceil(t.length / 4), 0),
    };
    if (fault?.kind === 'nanValues') {
      answer.embeddings[0]![1] = NaN; // JSON.stringify writes null, as a NaN-unaware encoder would
      return sendJson(res, 200, answer);
    }
    if (fault?.kind === 'infValues') {
      answer.embeddings[0]![1] = 424242.4242;
      const text = JSON.stringify(answer).replace('424242.4242', '1e999');
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(text);
      return;
    }
    sendJson(res, 200, answer);
  };

  /** keep_alive as Ollama reads it: seconds as a number, a duration such as "5m", negative for ever (default 5 min). */
  const keepAliveMs = (value: unknown): number => {
    if (typeof value === 'number') return value < 0 ? Infinity : value * 1000;
    if (typeof value === 'string') {
      const m = /^(-?\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value.trim());
      if (m) {
        const n = Number(m[1]);
        const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? 's']!;
        return n < 0 ? Infinity : n * unit;
      }
    }
    return 5 * 60_000;
  };
  const isLoaded = (name: string): boolean => (loaded.get(name) ?? 0) > Date.now();

  const handleChat = async (req: http.IncomingMessage, res: http.ServerResponse, body: Record<string, unknown>): Promise<void> => {
    const started = process.hrtime.bigint();
    const modelName = typeof body['model'] === 'string' ? body['model'] : '';
    if (modelName === '') return sendError(res, 400, 'model is required');
    const rawMessages = body['messages'] ?? [];
    if (!Array.isArray(rawMessages) || !rawMessages.every((m) => typeof m === 'object' && m !== null && typeof (m as { role?: unknown }).role === 'string')) {
      return sendError(res, 400, 'json: cannot unmarshal messages');
    }
    const messages: FakeChatMessage[] = rawMessages.map((m: { role: string; content?: unknown }) => ({ role: m.role, content: typeof m.content === 'string' ? m.content : '' }));
    const m = installed.has(fullName(modelName)) ? catalogue.get(fullName(modelName)) : undefined;
    if (!m) return sendError(res, 404, `model '${modelName}' not found`);
    if (!m.capabilities.includes('completion')) return sendError(res, 400, `"${modelName}" does not support chat`);
    const fault = takeFault('/api/chat', messages.map((x) => x.content), modelName);
    if (applyAnswerFault(fault, req, res, modelName)) return;
    const options = typeof body['options'] === 'object' && body['options'] !== null ? (body['options'] as Record<string, unknown>) : {};
    const numCtx = typeof options['num_ctx'] === 'number' && options['num_ctx'] > 0 ? options['num_ctx'] : 4096;
    const numPredict = typeof options['num_predict'] === 'number' && options['num_predict'] > 0 ? options['num_predict'] : Infinity;
    const promptTokens = fakePromptTokens(messages);
    if (promptTokens > numCtx) chatPromptOverflows++; // Ollama drops the start of the prompt silently
    chatCount++;
    const stream = body['stream'] !== false;
    let gone = false;
    res.on('close', () => (gone = !res.writableFinished));

    const name = fullName(modelName);
    let loadMs = 0;
    if (!isLoaded(name)) {
      loadMs = chatLoadMs;
      await sleep(chatLoadMs);
      if (gone) return;
    }
    const keepAlive = keepAliveMs(body['keep_alive']);
    loaded.set(name, Date.now() + keepAlive);

    const reply = typeof chatReply === 'function' ? chatReply(messages) : (chatReply ?? composeReply(messages));
    let pieces = replyPieces(reply);
    let doneReason = 'stop';
    if (pieces.length > numPredict) {
      pieces = pieces.slice(0, numPredict);
      doneReason = 'length';
    }
    const evalStarted = process.hrtime.bigint();
    const counters = () => ({
      total_duration: Number(process.hrtime.bigint() - started),
      load_duration: loadMs * 1_000_000,
      prompt_eval_count: Math.min(promptTokens, numCtx),
      prompt_eval_duration: 1_000_000,
      eval_count: pieces.length,
      eval_duration: Number(process.hrtime.bigint() - evalStarted),
    });
    const line = (content: string, done: boolean) => ({
      model: modelName,
      created_at: new Date().toISOString(),
      message: { role: 'assistant', content },
      done,
      ...(done ? { done_reason: doneReason, ...counters() } : {}),
    });
    if (!stream) {
      if (fault?.kind === 'chatCut') return void req.socket.destroy();
      if (fault?.kind === 'chatErrorLine') return sendError(res, 500, fault.message ?? 'llama runner process has terminated: exit status 2');
      await sleep(chatPieceDelayMs * pieces.length);
      return sendJson(res, 200, line(pieces.join(''), true));
    }
    res.writeHead(200, { 'content-type': 'application/x-ndjson' });
    const faultAt = fault?.kind === 'chatCut' || fault?.kind === 'chatErrorLine' ? (fault.afterPieces ?? 3) : Infinity;
    for (let i = 0; i < pieces.length; i++) {
      if (gone) return; // the client aborted: generation stops
      if (i === faultAt) break;
      // wait until the piece is handed to the socket, so a cut below drops the connection after it, as a crash would
      await new Promise<void>((resolve) => res.write(`${JSON.stringify(line(pieces[i]!, false))}\n`, () => resolve()));
      await sleep(chatPieceDelayMs);
    }
    if (gone) return;
    if (fault?.kind === 'chatCut' && faultAt <= pieces.length) {
      req.socket.destroy(); // a dropped connection: the stream simply ends, with no done line
      return;
    }
    if (fault?.kind === 'chatErrorLine' && faultAt <= pieces.length) {
      res.end(`${JSON.stringify({ error: fault.message ?? 'llama runner process has terminated: exit status 2' })}\n`);
      return;
    }
    if (keepAlive === 0) loaded.delete(name);
    res.end(`${JSON.stringify(line('', true))}\n`);
  };

  const handleEmbeddings = async (req: http.IncomingMessage, res: http.ServerResponse, body: Record<string, unknown>): Promise<void> => {
    const modelName = typeof body['model'] === 'string' ? body['model'] : '';
    if (modelName === '') return sendError(res, 400, 'model is required');
    const m = installed.has(fullName(modelName)) ? catalogue.get(fullName(modelName)) : undefined;
    if (!m) return sendError(res, 404, `model '${modelName}' not found`);
    const prompt = typeof body['prompt'] === 'string' ? body['prompt'] : '';
    const fault = takeFault('/api/embeddings', [prompt], modelName);
    if (applyAnswerFault(fault, req, res, modelName)) return;
    if (prompt === '') return sendJson(res, 200, { embedding: [] });
    await acquire();
    let vector: number[];
    try {
      requestCount++;
      textCount++;
      [vector] = (await rawVectors(m, [prompt.slice(0, m.contextLength * 4)])) as [number[]];
      await sleep(latencyMs + perTextMs);
    } finally {
      release();
    }
    sendJson(res, 200, { embedding: vector });
  };

  const tagsEntry = (name: string) => {
    const m = catalogue.get(name)!;
    const entry = installed.get(name)!;
    return {
      name,
      model: name,
      modified_at: entry.modifiedAt,
      size: m.sizeBytes,
      digest: digestOf(name),
      details: {
        parent_model: '',
        format: 'gguf',
        family: m.family,
        families: [m.family],
        parameter_size: m.parameterSize,
        quantization_level: m.quantization,
      },
    };
  };

  const handleShow = (res: http.ServerResponse, body: Record<string, unknown>): void => {
    const modelName = typeof body['model'] === 'string' && body['model'] !== '' ? body['model'] : typeof body['name'] === 'string' ? body['name'] : '';
    if (modelName === '') return sendError(res, 400, 'model is required');
    const m = installed.has(fullName(modelName)) ? catalogue.get(fullName(modelName)) : undefined;
    if (!m) return sendError(res, 404, `model '${modelName}' not found`);
    const a = m.architecture;
    sendJson(res, 200, {
      license: '',
      modelfile: `# Modelfile of the fake-ollama stand-in (not Ollama)\nFROM ${m.name}\n`,
      parameters: '',
      template: m.capabilities.includes('completion') ? '{{ .Prompt }}' : '',
      details: tagsEntry(m.name).details,
      model_info: {
        'general.architecture': a,
        'general.parameter_count': m.sizeBytes / 2,
        'general.file_type': 1,
        [`${a}.embedding_length`]: m.dimensions,
        [`${a}.context_length`]: m.contextLength,
        [`${a}.block_count`]: 12,
        [`${a}.attention.head_count`]: 12,
      },
      capabilities: m.capabilities,
      modified_at: installed.get(m.name)!.modifiedAt,
    });
  };

  const handlePull = async (req: http.IncomingMessage, res: http.ServerResponse, body: Record<string, unknown>): Promise<void> => {
    const modelName = typeof body['model'] === 'string' && body['model'] !== '' ? body['model'] : typeof body['name'] === 'string' ? body['name'] : '';
    if (modelName === '') return sendError(res, 400, 'invalid model name');
    const name = fullName(modelName);
    const m = catalogue.get(name);
    const stream = body['stream'] !== false;
    let gone = false;
    res.on('close', () => (gone = !res.writableFinished));
    const lines: unknown[] = [];
    const emit = async (line: unknown): Promise<void> => {
      if (!stream) {
        lines.push(line);
        return;
      }
      if (!res.headersSent) res.writeHead(200, { 'content-type': 'application/x-ndjson' });
      res.write(`${JSON.stringify(line)}\n`);
      await sleep(pullStepDelayMs);
    };
    await emit({ status: 'pulling manifest' });
    if (!m) {
      const error = 'pull model manifest: file does not exist';
      if (!stream) return sendError(res, 500, error);
      res.end(`${JSON.stringify({ error })}\n`);
      return;
    }
    const layers = [
      { digest: `sha256:${createHash('sha256').update(`${name}/weights`).digest('hex')}`, total: m.sizeBytes },
      { digest: `sha256:${createHash('sha256').update(`${name}/license`).digest('hex')}`, total: 11_357 },
      { digest: `sha256:${createHash('sha256').update(`${name}/params`).digest('hex')}`, total: 420 },
    ];
    for (const layer of layers) {
      const steps = layer.total > 1_000_000 ? 8 : 1;
      for (let s = 0; s <= steps; s++) {
        if (gone) return;
        await emit({ status: `pulling ${layer.digest.slice(7, 19)}`, digest: layer.digest, total: layer.total, completed: Math.round((layer.total * s) / steps) });
      }
    }
    for (const status of ['verifying sha256 digest', 'writing manifest']) {
      if (gone) return;
      await emit({ status });
    }
    if (gone) return;
    const previous = installed.get(name);
    installed.set(name, { generation: previous?.generation ?? 0, modifiedAt: new Date().toISOString() });
    if (!stream) return sendJson(res, 200, { status: 'success' });
    res.end(`${JSON.stringify({ status: 'success' })}\n`);
  };

  const route = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0]!;
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const method = req.method ?? 'GET';
    let body: unknown = undefined;
    const posts = ['/api/embed', '/api/embeddings', '/api/show', '/api/pull', '/api/chat'];
    if (method === 'POST' && posts.includes(path)) {
      if (raw.trim() === '') {
        requests.push({ method, path, body: undefined });
        return sendError(res, 400, 'missing request body');
      }
      try {
        body = JSON.parse(raw);
      } catch (error) {
        requests.push({ method, path, body: raw });
        return sendError(res, 400, `invalid character in request body: ${(error as Error).message}`);
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        requests.push({ method, path, body });
        return sendError(res, 400, 'json: cannot unmarshal request body');
      }
    }
    requests.push({ method, path, body });
    const record = body as Record<string, unknown>;
    if (method === 'GET' && path === '/api/version') {
      const fault = takeFault(path, []);
      if (applyAnswerFault(fault, req, res, '')) return;
      return sendJson(res, 200, { version });
    }
    if (method === 'GET' && path === '/api/tags') {
      const fault = takeFault(path, []);
      if (applyAnswerFault(fault, req, res, '')) return;
      return sendJson(res, 200, { models: [...installed.keys()].sort().map(tagsEntry) });
    }
    if (method === 'GET' && path === '/api/ps') {
      const now = Date.now();
      const models = [...loaded]
        .filter(([name, until]) => until > now && installed.has(name))
        .map(([name, until]) => ({ ...tagsEntry(name), expires_at: new Date(Number.isFinite(until) ? until : now + 3_600_000_000).toISOString(), size_vram: 0 }));
      return sendJson(res, 200, { models });
    }
    if (method === 'GET' && (path === '/' || path === '')) {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Ollama is running');
      return;
    }
    if (method === 'POST' && (path === '/api/embed' || path === '/api/embeddings')) {
      inFlight++;
      peakInFlight = Math.max(peakInFlight, inFlight);
      try {
        return await (path === '/api/embed' ? handleEmbed(req, res, record) : handleEmbeddings(req, res, record));
      } finally {
        inFlight--;
      }
    }
    if (method === 'POST' && path === '/api/show') {
      const fault = takeFault(path, []);
      if (applyAnswerFault(fault, req, res, String(record['model'] ?? ''))) return;
      return handleShow(res, record);
    }
    if (method === 'POST' && path === '/api/pull') return handlePull(req, res, record);
    if (method === 'POST' && path === '/api/chat') return handleChat(req, res, record);
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('404 page not found');
  };

  const server = http.createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendError(res, 500, `fake-ollama internal error: ${(error as Error).message}`);
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const listen = (port: number): Promise<number> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const stop = (): Promise<void> =>
    new Promise((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });

  const port = await listen(0);
  let down = false;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    clearRequests: () => void requests.splice(0),
    async setDown(value: boolean) {
      if (value === down) return;
      down = value;
      if (value) await stop();
      else await listen(port);
    },
    setSlow(latency: number, perText = 0) {
      latencyMs = latency;
      perTextMs = perText;
    },
    addFault: (fault) => void faults.push({ fault, left: fault.times ?? Infinity }),
    clearFaults: () => void faults.splice(0),
    install(name) {
      const n = fullName(name);
      if (!catalogue.has(n)) throw new Error(`fake-ollama: unknown model ${name}`);
      installed.set(n, { generation: installed.get(n)?.generation ?? 0, modifiedAt: new Date().toISOString() });
    },
    remove: (name) => void installed.delete(fullName(name)),
    redigest(name) {
      const entry = installed.get(fullName(name));
      if (!entry) throw new Error(`fake-ollama: ${name} is not installed`);
      installed.set(fullName(name), { generation: entry.generation + 1, modifiedAt: new Date().toISOString() });
    },
    digestOf,
    setChatReply: (reply) => void (chatReply = reply),
    setChatTiming(timing) {
      if (timing.loadMs !== undefined) chatLoadMs = timing.loadMs;
      if (timing.pieceDelayMs !== undefined) chatPieceDelayMs = timing.pieceDelayMs;
    },
    unloadModels: () => loaded.clear(),
    stats: () => {
      const now = performance.now();
      return {
        requests: requestCount,
        texts: textCount,
        busyMs: busyMs + (active > 0 ? now - busySince : 0),
        peakInFlight,
        chats: chatCount,
        chatPromptOverflows,
        sinceMs: statsSince,
        elapsedMs: now - statsSince,
      };
    },
    resetStats() {
      statsSince = performance.now();
      busyMs = 0;
      if (active > 0) busySince = statsSince;
      requestCount = 0;
      textCount = 0;
      peakInFlight = inFlight;
      chatCount = 0;
      chatPromptOverflows = 0;
    },
    close: stop,
  };
}
