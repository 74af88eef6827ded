import { describe, expect, it } from 'vitest';
import { KNOWN_OLLAMA_EMBEDDING_MODELS, lookupOllamaModel, parseModelName, sameModelName } from '../../src/core/embedding/ollama/model-registry';
import { maxInputCharsFor } from '../../src/core/embedding/ollama/ollama-provider';

describe('model registry', () => {
  it('lists the popular embedding models with their widths and prefixes', () => {
    const names = KNOWN_OLLAMA_EMBEDDING_MODELS.map((m) => m.name);
    expect(names).toEqual([
      'nomic-embed-text',
      'mxbai-embed-large',
      'all-minilm',
      'snowflake-arctic-embed2',
      'bge-m3',
      'qwen3-embedding',
      'embeddinggemma',
    ]);
    expect(lookupOllamaModel('nomic-embed-text')).toMatchObject({
      dimensions: 768,
      contextLength: 2048,
      queryPrefix: 'search_query: ',
      documentPrefix: 'search_document: ',
      matryoshka: true,
    });
    expect(lookupOllamaModel('mxbai-embed-large:latest')?.queryPrefix).toBe('Represent this sentence for searching relevant passages: ');
    expect(lookupOllamaModel('embeddinggemma')).toMatchObject({ queryPrefix: 'task: search result | query: ', documentPrefix: 'title: none | text: ' });
    expect(lookupOllamaModel('all-minilm')?.dimensions).toBe(384);
    expect(lookupOllamaModel('bge-m3')).toMatchObject({ dimensions: 1024, matryoshka: false });
  });

  it('applies per-tag widths (qwen3-embedding sizes) and ignores case and the library namespace', () => {
    expect(lookupOllamaModel('qwen3-embedding')?.dimensions).toBe(4096);
    expect(lookupOllamaModel('qwen3-embedding:0.6b')?.dimensions).toBe(1024);
    expect(lookupOllamaModel('qwen3-embedding:4b-q4_K_M')?.dimensions).toBe(2560);
    expect(lookupOllamaModel('library/Nomic-Embed-Text:v1.5')?.dimensions).toBe(768);
    expect(lookupOllamaModel('my-own-model')).toBeUndefined();
  });

  it('normalises names the way Ollama matches them', () => {
    expect(parseModelName('nomic-embed-text')).toEqual({ base: 'nomic-embed-text', tag: 'latest', full: 'nomic-embed-text:latest' });
    expect(parseModelName('hf.co/user/repo:Q4_K_M').full).toBe('hf.co/user/repo:q4_k_m');
    expect(parseModelName('localhost:5000/x').full).toBe('localhost:5000/x:latest');
    expect(sameModelName('nomic-embed-text', 'nomic-embed-text:latest')).toBe(true);
    expect(sameModelName('nomic-embed-text:v1.5', 'nomic-embed-text:latest')).toBe(false);
  });

  it('sizes input to about 3 characters per token, minus the prefix', () => {
    expect(maxInputCharsFor(2048, 'search_document: ')).toBe(2048 * 3 - 'search_document: '.length);
    expect(maxInputCharsFor(null, '')).toBe(2000);
    expect(maxInputCharsFor(16, '')).toBe(256);
  });
});
