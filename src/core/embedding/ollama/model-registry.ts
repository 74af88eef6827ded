// What Engram knows in advance about popular Ollama embedding models. Anything not listed still works: its width
// comes from a probe embed and its context length from /api/show.

/** Facts about one embedding model as Ollama serves it. */
export interface OllamaModelSpec {
  /** Library name without a tag, e.g. `nomic-embed-text`. */
  readonly name: string;
  /** Width of the vectors the model returns when `dimensions` is not sent. */
  readonly dimensions: number;
  /** Context length in tokens (what `<arch>.context_length` reports, or the trained limit when that is lower). */
  readonly contextLength: number;
  /** Text put before a search query; the model was trained with it. */
  readonly queryPrefix: string;
  /** Text put before a stored document or chunk. */
  readonly documentPrefix: string;
  /** True when the model was trained so that a cut (Matryoshka) prefix of its vector stays meaningful. */
  readonly matryoshka: boolean;
  /** Smallest width the model was trained to be cut to (only for Matryoshka models). */
  readonly minDimensions?: number;
  /** Tags whose facts differ from the default tag (e.g. model sizes with different widths). */
  readonly tags?: Readonly<Record<string, Partial<Pick<OllamaModelSpec, 'dimensions' | 'contextLength'>>>>;
}

const QWEN3_QUERY_PREFIX = 'Instruct: Given a web search query, retrieve relevant passages that answer the query\nQuery: ';

/** The popular Ollama embedding models, with their widths, context lengths and required prefixes. */
export const KNOWN_OLLAMA_EMBEDDING_MODELS: readonly OllamaModelSpec[] = [
  {
    name: 'nomic-embed-text',
    dimensions: 768,
    contextLength: 2048,
    queryPrefix: 'search_query: ',
    documentPrefix: 'search_document: ',
    matryoshka: true,
    minDimensions: 64,
  },
  {
    name: 'mxbai-embed-large',
    dimensions: 1024,
    contextLength: 512,
    queryPrefix: 'Represent this sentence for searching relevant passages: ',
    documentPrefix: '',
    matryoshka: true,
    minDimensions: 64,
  },
  // all-MiniLM-L6-v2 reports 512 positions but was trained on 256 word pieces; longer input loses quality.
  { name: 'all-minilm', dimensions: 384, contextLength: 256, queryPrefix: '', documentPrefix: '', matryoshka: false },
  {
    name: 'snowflake-arctic-embed2',
    dimensions: 1024,
    contextLength: 8192,
    queryPrefix: 'query: ',
    documentPrefix: '',
    matryoshka: true,
    minDimensions: 256,
  },
  { name: 'bge-m3', dimensions: 1024, contextLength: 8192, queryPrefix: '', documentPrefix: '', matryoshka: false },
  {
    name: 'qwen3-embedding',
    dimensions: 4096,
    contextLength: 32768,
    queryPrefix: QWEN3_QUERY_PREFIX,
    documentPrefix: '',
    matryoshka: true,
    minDimensions: 32,
    tags: { '0.6b': { dimensions: 1024 }, '4b': { dimensions: 2560 }, '8b': { dimensions: 4096 } },
  },
  {
    name: 'embeddinggemma',
    dimensions: 768,
    contextLength: 2048,
    queryPrefix: 'task: search result | query: ',
    documentPrefix: 'title: none | text: ',
    matryoshka: true,
    minDimensions: 128,
  },
];

/** A model name split into its library name and tag (`latest` when none is given). */
export interface OllamaModelName {
  /** Name without registry host, `library/` namespace or tag, lower-cased: `nomic-embed-text`, `hf.co/x/y`. */
  readonly base: string;
  readonly tag: string;
  /** `base:tag`, the form /api/tags lists. */
  readonly full: string;
}

/** Splits and normalises a model name the way Ollama matches names (case-insensitive, default tag `latest`). */
export function parseModelName(name: string): OllamaModelName {
  let rest = name.trim().toLowerCase();
  rest = rest.replace(/^registry\.ollama\.ai\//, '').replace(/^library\//, '');
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', lastSlash + 1);
  const base = colon >= 0 ? rest.slice(0, colon) : rest;
  const tag = colon >= 0 && colon < rest.length - 1 ? rest.slice(colon + 1) : 'latest';
  return { base, tag, full: `${base}:${tag}` };
}

/** True when two model names refer to the same installed model (`nomic-embed-text` = `nomic-embed-text:latest`). */
export function sameModelName(a: string, b: string): boolean {
  return parseModelName(a).full === parseModelName(b).full;
}

/** Registry facts for a model name (any tag), with per-tag widths applied; undefined for models not listed. */
export function lookupOllamaModel(name: string): OllamaModelSpec | undefined {
  const { base, tag } = parseModelName(name);
  const spec = KNOWN_OLLAMA_EMBEDDING_MODELS.find((m) => m.name === base);
  if (!spec) return undefined;
  const override = spec.tags?.[tag] ?? spec.tags?.[tag.split('-')[0] ?? ''];
  return override ? { ...spec, ...override } : spec;
}
