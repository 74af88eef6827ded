import type { EmbeddingChoice } from '../../shared/models';
import type { SpaceRecord } from '../db/repositories/spaces-repository';
import { EngramError } from '../errors';
import { BuiltinProvider } from './builtin/builtin-provider';
import type { EmbeddingProvider } from './embedding-provider';
import { createOllamaProvider } from './ollama';

/** Validates a model choice from any caller (CLI, IPC, agents). */
export function validateChoice(choice: EmbeddingChoice): EmbeddingChoice {
  if (choice?.provider === 'builtin') return { provider: 'builtin' };
  if (choice?.provider === 'ollama') {
    const model = typeof choice.model === 'string' ? choice.model.trim() : '';
    if (!model) throw new EngramError('INVALID_INPUT', 'Name the Ollama model, e.g. --model nomic-embed-text (see `engram ollama doctor`).');
    const dimensions = choice.dimensions ?? null;
    if (dimensions !== null && (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 2000)) {
      throw new EngramError('INVALID_INPUT', `--dimensions must be a whole number from 1 to 2000 (got ${String(dimensions)}).`);
    }
    return { provider: 'ollama', model, dimensions };
  }
  throw new EngramError('INVALID_INPUT', `Unknown embedding provider "${String((choice as { provider?: unknown })?.provider)}"; use builtin or ollama.`);
}

/** A provider for a chosen model; `ollamaHost` is the configured host (null: OLLAMA_HOST or the default). */
export function providerForChoice(choice: EmbeddingChoice, ollamaHost: string | null): EmbeddingProvider {
  return choice.provider === 'builtin' ? new BuiltinProvider() : createOllamaProvider({ model: choice.model, host: ollamaHost, dimensions: choice.dimensions ?? null });
}

/** The choice that rebuilds the provider of an existing space. */
export function choiceForSpace(space: SpaceRecord): EmbeddingChoice {
  if (space.provider === 'builtin') return { provider: 'builtin' };
  return { provider: 'ollama', model: space.model, dimensions: space.requestedDimensions ?? (space.truncatedFrom ? space.dimensions : null) };
}
