// The Ollama provider's public surface: import from here.
export { DEFAULT_OLLAMA_HOST, parseOllamaHost, resolveOllamaHost } from './ollama-host';
export type { ResolvedOllamaHost } from './ollama-host';
export { KNOWN_OLLAMA_EMBEDDING_MODELS, lookupOllamaModel, parseModelName, sameModelName } from './model-registry';
export type { OllamaModelSpec, OllamaModelName } from './model-registry';
export { OllamaEmbeddingProvider, createOllamaProvider, maxInputCharsFor, MAX_INDEX_DIMENSIONS } from './ollama-provider';
export type { OllamaProviderOptions, OllamaEmbeddingModelInfo, OllamaEmbedOutcome } from './ollama-provider';
export { runOllamaDoctor } from './ollama-doctor';
export type { OllamaDoctorReport, OllamaDoctorModel, OllamaProblem, OllamaProblemCode, OllamaDoctorOptions } from './ollama-doctor';
export { pullOllamaModel, streamOllamaPull } from './ollama-pull';
export type { OllamaPullProgress, OllamaPullResult, OllamaPullOptions } from './ollama-pull';
export { checkOllamaDigest, normaliseDigest } from './ollama-digest-drift';
export type { OllamaDigestState, OllamaDigestCheck, OllamaDigestCheckOptions } from './ollama-digest-drift';
export { toOllamaEmbeddingError } from './ollama-errors';
