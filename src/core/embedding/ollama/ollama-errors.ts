// Turns whatever the `ollama` client or fetch threw into an EmbeddingError that says whether to retry and what to do.
import { EmbeddingError } from '../../errors';

/** What a fault message should name: where Ollama was expected and which model was asked for. */
export interface OllamaErrorContext {
  readonly host: string;
  readonly model: string;
  readonly timeoutMs: number;
}

/** An HTTP error answer from Ollama as the `ollama` client reports it (its ResponseError). */
export interface OllamaHttpError {
  readonly status: number;
  readonly message: string;
}

/** Socket-level error codes meaning "nothing is listening" or "the connection broke": try again later. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
]);

/** The HTTP status and server message of an `ollama` ResponseError, or null for anything else. */
export function asOllamaHttpError(error: unknown): OllamaHttpError | null {
  if (error instanceof Error && error.name === 'ResponseError') {
    const status = (error as Error & { status_code?: unknown }).status_code;
    if (typeof status === 'number') return { status, message: error.message };
  }
  return null;
}

/** True for Ollama's 400 "the input length exceeds the context length" (the text must be split). */
export function isContextLengthError(error: unknown): boolean {
  const http = asOllamaHttpError(error);
  return http !== null && http.status === 400 && /context length|context window|too long/i.test(http.message);
}

/** True for an answer saying the model produced NaN or Inf: tied to the input text, not to the moment. */
export function isNonFiniteError(error: unknown): boolean {
  const http = asOllamaHttpError(error);
  return http !== null && http.status >= 400 && /\bNaN\b|\bInf\b|infinity|unsupported value/i.test(http.message);
}

/** The first socket error code in an error's cause chain (fetch wraps them in TypeError 'fetch failed'). */
export function connectionErrorCode(error: unknown): string | null {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current != null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_CODES.has(code)) return code;
    const errors = (current as { errors?: unknown }).errors;
    if (Array.isArray(errors)) {
      for (const inner of errors) {
        const innerCode = connectionErrorCode(inner);
        if (innerCode) return innerCode;
      }
    }
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/**
 * A plain sentence for a failure to connect to Ollama at `host` (nothing listening, unknown name, no route, no answer
 * in time, a blocked port, a broken connection), or null when the error is something else. Never the bare
 * 'fetch failed' that Node's fetch throws.
 */
export function describeConnectionFault(error: unknown, host: string): string | null {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'TimeoutError') return `${host} did not answer in time — Ollama may be busy or something else is listening there`;
  const code = connectionErrorCode(error);
  if (code === 'ECONNREFUSED') return `Nothing answers at ${host} — Ollama is not running there`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `No computer named ${hostnameOf(host)} can be found — check the address`;
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return `${host} cannot be reached from this computer — check the address and the network`;
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return `${host} did not answer in time — Ollama may be busy or the address may be wrong`;
  }
  if (code) return `The connection to ${host} broke off — Ollama may have stopped`;
  if (error instanceof TypeError && /fetch failed/i.test(error.message)) {
    const cause = (error as { cause?: unknown }).cause;
    const detail = cause instanceof Error ? cause.message : '';
    if (/bad port/i.test(detail)) return `Engram may not connect to port ${portOf(host)} — it is reserved for other services; Ollama usually uses 11434`;
    return `Engram could not connect to ${host}${detail ? ` (${detail})` : ''}`;
  }
  return null;
}

function hostnameOf(host: string): string {
  try {
    return new URL(host).hostname;
  } catch {
    return host;
  }
}

function portOf(host: string): string {
  try {
    const url = new URL(host);
    return url.port || (url.protocol === 'https:' ? '443' : '80');
  } catch {
    return host;
  }
}

/** Maps any failure of an Ollama request to an EmbeddingError with a readable reason and the right `retryable`. */
export function toOllamaEmbeddingError(error: unknown, context: OllamaErrorContext): EmbeddingError {
  if (error instanceof EmbeddingError) return error;
  const { host, model } = context;
  const http = asOllamaHttpError(error);
  if (http) {
    const detail = http.message.trim() || `HTTP ${http.status}`;
    if (http.status === 404 && /not found|no such|pull/i.test(detail)) {
      return new EmbeddingError(`model ${model} is not installed: run \`ollama pull ${model}\``, false);
    }
    if (isNonFiniteError(error)) {
      return new EmbeddingError(`the model ${model} produced NaN or Inf for this text (${detail})`, false);
    }
    if (http.status === 408 || http.status === 429 || http.status >= 500) {
      return new EmbeddingError(`Ollama at ${host} failed (HTTP ${http.status}: ${detail}); will retry`, true);
    }
    return new EmbeddingError(`Ollama at ${host} rejected the request (HTTP ${http.status}: ${detail})`, false);
  }
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'TimeoutError') {
    return new EmbeddingError(`Ollama at ${host} did not answer within ${Math.round(context.timeoutMs / 1000)} s; will retry`, true);
  }
  if (name === 'AbortError') {
    return new EmbeddingError('the Ollama request was cancelled because the provider closed', true);
  }
  const code = connectionErrorCode(error);
  if (code === 'ECONNREFUSED') {
    return new EmbeddingError(`cannot reach Ollama at ${host}: is it running? Start it with \`ollama serve\``, true);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new EmbeddingError(`cannot resolve the Ollama host ${host}: check the host setting or OLLAMA_HOST`, true);
  }
  if (code) return new EmbeddingError(`the connection to Ollama at ${host} failed (${code}); will retry`, true);
  if (error instanceof SyntaxError) {
    return new EmbeddingError(`Ollama at ${host} sent a malformed response (${error.message}); will retry`, true);
  }
  const plain = describeConnectionFault(error, host);
  if (plain) return new EmbeddingError(`${plain}; will retry`, true);
  if (error instanceof TypeError && /terminated|network/i.test(error.message)) {
    return new EmbeddingError(`the connection to Ollama at ${host} broke off (${error.message}); will retry`, true);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new EmbeddingError(`unexpected failure talking to Ollama at ${host}: ${message}`, true);
}
