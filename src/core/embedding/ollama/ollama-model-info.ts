// Reads /api/show into the few facts Engram needs: capabilities, architecture, width and context length.
import type { Ollama } from 'ollama';

/** The parts of /api/show Engram uses, validated. */
export interface OllamaShowFacts {
  /** e.g. ['embedding'] or ['completion', 'tools']; empty when the server does not report capabilities. */
  readonly capabilities: readonly string[];
  /** `general.architecture`, e.g. 'nomic-bert'; null when absent. */
  readonly architecture: string | null;
  /** `<arch>.embedding_length`; null when absent. */
  readonly embeddingLength: number | null;
  /** `<arch>.context_length`; null when absent. */
  readonly contextLength: number | null;
  readonly family: string | null;
  readonly parameterSize: string | null;
  readonly quantization: string | null;
}

/** Calls /api/show for a model and extracts capabilities, width and context length from `model_info`. */
export async function readModelShow(client: Ollama, model: string): Promise<OllamaShowFacts> {
  const show = (await client.show({ model })) as unknown as Record<string, unknown> | null;
  const info = isRecord(show?.['model_info']) ? show['model_info'] : {};
  const details = isRecord(show?.['details']) ? show['details'] : {};
  const capabilities = Array.isArray(show?.['capabilities'])
    ? (show['capabilities'] as unknown[]).filter((c): c is string => typeof c === 'string')
    : [];
  const architecture = typeof info['general.architecture'] === 'string' ? info['general.architecture'] : null;
  const numberAt = (suffix: string): number | null => {
    const keys = architecture ? [`${architecture}.${suffix}`] : Object.keys(info).filter((k) => k.endsWith(`.${suffix}`));
    for (const key of keys) {
      const value = info[key];
      if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
    }
    return null;
  };
  const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);
  return {
    capabilities,
    architecture,
    embeddingLength: numberAt('embedding_length'),
    contextLength: numberAt('context_length'),
    family: text(details['family']),
    parameterSize: text(details['parameter_size']),
    quantization: text(details['quantization_level']),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
