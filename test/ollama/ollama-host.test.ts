import { describe, expect, it } from 'vitest';
import { DEFAULT_OLLAMA_HOST, parseOllamaHost, resolveOllamaHost } from '../../src/core/embedding/ollama/ollama-host';
import { isEngramError } from '../../src/core/errors';

describe('parseOllamaHost (as the ollama CLI reads OLLAMA_HOST)', () => {
  it.each([
    ['', 'http://127.0.0.1:11434'],
    ['127.0.0.1', 'http://127.0.0.1:11434'],
    ['0.0.0.0', 'http://127.0.0.1:11434'],
    ['0.0.0.0:11434', 'http://127.0.0.1:11434'],
    [':5000', 'http://127.0.0.1:5000'],
    ['example', 'http://example:11434'],
    ['example:1234', 'http://example:1234'],
    ['example.com:56789', 'http://example.com:56789'],
    ['http://example', 'http://example:80'],
    ['https://example', 'https://example:443'],
    ['http://example:1234', 'http://example:1234'],
    ['https://example.com:8443/', 'https://example.com:8443'],
    ['http://example.com/ollama/', 'http://example.com:80/ollama'],
    ['example.com/path', 'http://example.com:11434/path'],
    ['  "http://example:1234"  ', 'http://example:1234'],
    ["'example'", 'http://example:11434'],
    ['::1', 'http://[::1]:11434'],
    ['[::1]', 'http://[::1]:11434'],
    ['[::1]:1234', 'http://[::1]:1234'],
    ['http://[::1]:1234', 'http://[::1]:1234'],
    ['::', 'http://[::1]:11434'],
    ['[::]:11434', 'http://[::1]:11434'],
    ['example:99999', 'http://example:11434'],
    ['example:abc', 'http://example:11434'],
    ['https://example:', 'https://example:443'],
  ])('%j -> %s', (value, expected) => {
    expect(parseOllamaHost(value)).toBe(expected);
  });

  it('rejects schemes other than http and https with a readable error', () => {
    let caught: unknown;
    try {
      parseOllamaHost('ftp://example');
    } catch (error) {
      caught = error;
    }
    expect(isEngramError(caught)).toBe(true);
    expect((caught as Error).message).toMatch(/only http:\/\/ and https:\/\//);
  });
});

describe('resolveOllamaHost', () => {
  it('prefers an explicit setting over OLLAMA_HOST', () => {
    expect(resolveOllamaHost('example:1', { OLLAMA_HOST: 'other:2' })).toEqual({ url: 'http://example:1', source: 'setting' });
  });
  it('uses OLLAMA_HOST when the setting is empty', () => {
    expect(resolveOllamaHost('  ', { OLLAMA_HOST: 'other:2' })).toEqual({ url: 'http://other:2', source: 'env' });
    expect(resolveOllamaHost(null, { OLLAMA_HOST: '0.0.0.0' })).toEqual({ url: 'http://127.0.0.1:11434', source: 'env' });
  });
  it('falls back to the default when neither is set (or OLLAMA_HOST is only quotes)', () => {
    expect(resolveOllamaHost(undefined, {})).toEqual({ url: DEFAULT_OLLAMA_HOST, source: 'default' });
    expect(resolveOllamaHost(undefined, { OLLAMA_HOST: '""' })).toEqual({ url: DEFAULT_OLLAMA_HOST, source: 'default' });
  });
});
