// Builds the `ollama` npm client with what it lacks for unattended use: a request timeout, cancellation, one retry
// on a stale pooled connection, and non-JSON error bodies turned into JSON (so the client never logs to the console).
import { Ollama } from 'ollama';
import { connectionErrorCode } from './ollama-errors';

/** Options of a client: where Ollama is, how long one request may take, and signals that cancel every request. */
export interface OllamaClientOptions {
  readonly host: string;
  /** Milliseconds one request (headers and body) may take; 0 or undefined for no limit. */
  readonly timeoutMs?: number;
  /** Aborts every request of this client (closing the provider, cancelling a pull). */
  readonly signal?: AbortSignal;
}

/** A `new Ollama({ host, fetch })` whose fetch applies the timeout and the cancel signal to each request. */
export function createOllamaClient(options: OllamaClientOptions): Ollama {
  const { host, timeoutMs, signal } = options;
  const timedFetch: typeof fetch = async (input, init) => {
    const signals: AbortSignal[] = [];
    if (init?.signal) signals.push(init.signal);
    if (signal) signals.push(signal);
    if (timeoutMs && timeoutMs > 0) signals.push(AbortSignal.timeout(timeoutMs));
    const merged = { ...init, signal: signals.length > 0 ? AbortSignal.any(signals) : null };
    let response: Response;
    try {
      response = await fetch(input, merged);
    } catch (error) {
      // A keep-alive socket the server already closed fails once (Ollama restarted, idle timeout). Every Ollama
      // call Engram makes is idempotent, so one immediate retry on a new connection is safe.
      if (merged.signal?.aborted || connectionErrorCode(error) === null) throw error;
      response = await fetch(input, merged);
    }
    if (response.ok || (response.headers.get('content-type') ?? '').includes('application/json')) return response;
    const text = (await response.text().catch(() => '')).trim().slice(0, 500);
    return new Response(JSON.stringify({ error: text || `HTTP ${response.status} ${response.statusText}` }), {
      status: response.status,
      statusText: response.statusText,
      headers: { 'content-type': 'application/json' },
    });
  };
  return new Ollama({ host, fetch: timedFetch });
}
