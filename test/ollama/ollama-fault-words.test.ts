// What a person reads when Ollama cannot be reached: plain words for each kind of connection fault, never Node's
// bare 'fetch failed', with the embedding errors' retry flags as before.
import { describe, expect, it } from 'vitest';
import { toChatError } from '../../src/core/ask/chat-errors';
import { describeConnectionFault, toOllamaEmbeddingError } from '../../src/core/embedding/ollama/ollama-errors';

const HOST = 'http://127.0.0.1:11434';

/** A TypeError like Node's fetch throws, with `cause` as the underlying error. */
function fetchFailed(cause: Error): TypeError {
  return new TypeError('fetch failed', { cause });
}

function withCode(message: string, code: string): Error {
  return Object.assign(new Error(message), { code });
}

describe('connection faults in plain words', () => {
  it('names each kind of fault without "fetch failed"', () => {
    expect(describeConnectionFault(fetchFailed(withCode('connect ECONNREFUSED 127.0.0.1:11434', 'ECONNREFUSED')), HOST)).toBe(
      'Nothing answers at http://127.0.0.1:11434 — Ollama is not running there',
    );
    expect(describeConnectionFault(fetchFailed(withCode('getaddrinfo ENOTFOUND olama', 'ENOTFOUND')), 'http://olama:11434')).toBe(
      'No computer named olama can be found — check the address',
    );
    expect(describeConnectionFault(fetchFailed(new Error('bad port')), 'http://127.0.0.1:6000')).toContain('Engram may not connect to port 6000');
    expect(describeConnectionFault(fetchFailed(new Error('something new')), HOST)).toBe('Engram could not connect to http://127.0.0.1:11434 (something new)');
    expect(describeConnectionFault(new Error('not a connection fault'), HOST)).toBeNull();
  });

  it('keeps embedding errors retryable while saying what happened', () => {
    const refused = toOllamaEmbeddingError(fetchFailed(withCode('connect ECONNREFUSED', 'ECONNREFUSED')), { host: HOST, model: 'm', timeoutMs: 1000 });
    expect(refused.retryable).toBe(true);
    const blocked = toOllamaEmbeddingError(fetchFailed(new Error('bad port')), { host: 'http://127.0.0.1:6000', model: 'm', timeoutMs: 1000 });
    expect(blocked.retryable).toBe(true);
    expect(blocked.message).not.toContain('fetch failed');
    expect(blocked.message).toContain('port 6000');
  });

  it('tells Ask in words too', () => {
    const error = toChatError(fetchFailed(new Error('bad port')), 'http://127.0.0.1:6000', 'llama3.2');
    expect(error.code).toBe('ollama-unreachable');
    expect(error.message).not.toContain('fetch failed');
  });
});
