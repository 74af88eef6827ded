// The --provider / --model / --dimensions options `config set provider` and `reembed` share.
import type { EmbeddingChoice } from '../shared/models';
import { CliUsageError } from './cli-error';

/** The embedding providers a user can pick. */
export const PROVIDERS = ['builtin', 'ollama'] as const;

/** The model choice the options describe; --model and --dimensions belong to Ollama only. */
export function embeddingChoice(provider: string, model: string | undefined, dimensions: number | undefined): EmbeddingChoice {
  if (provider === 'builtin') {
    if (model !== undefined || dimensions !== undefined) {
      throw new CliUsageError('The built-in model takes no --model or --dimensions; they are for --provider ollama.');
    }
    return { provider: 'builtin' };
  }
  if (provider === 'ollama') {
    if (model === undefined || model.trim() === '') {
      throw new CliUsageError('Name the Ollama model with --model, e.g. --model nomic-embed-text (`engram ollama doctor` lists the installed ones).');
    }
    return { provider: 'ollama', model: model.trim(), dimensions: dimensions ?? null };
  }
  throw new CliUsageError(`Unknown embedding provider "${provider}"; use builtin or ollama.`);
}
