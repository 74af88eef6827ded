// Has the model behind an embedding space changed since its vectors were made? Compares digests from /api/tags.
import { createOllamaClient } from './ollama-client';
import { sameModelName } from './model-registry';

/** 'same': digest unchanged; 'drifted': re-pulled or updated; 'missing': not installed; 'unreachable': cannot tell. */
export type OllamaDigestState = 'same' | 'drifted' | 'missing' | 'unreachable';

/** The outcome of a drift check, with both digests for display. */
export interface OllamaDigestCheck {
  readonly state: OllamaDigestState;
  readonly recordedDigest: string | null;
  readonly currentDigest: string | null;
}

/** What to compare: the host, the model and the digest recorded with the embedding space. */
export interface OllamaDigestCheckOptions {
  readonly host: string;
  readonly model: string;
  /** A null recorded digest never counts as 'same': sameness cannot be shown. */
  readonly recordedDigest: string | null;
  readonly timeoutMs?: number;
}

/** Compares a recorded digest with the one /api/tags reports now. Never throws. */
export async function checkOllamaDigest(options: OllamaDigestCheckOptions): Promise<OllamaDigestCheck> {
  const recordedDigest = options.recordedDigest;
  const client = createOllamaClient({ host: options.host, timeoutMs: options.timeoutMs ?? 5000 });
  let models: unknown[];
  try {
    const list = (await client.list()) as { models?: unknown };
    if (!Array.isArray(list?.models)) return { state: 'unreachable', recordedDigest, currentDigest: null };
    models = list.models;
  } catch {
    return { state: 'unreachable', recordedDigest, currentDigest: null };
  }
  const entry = models.find((m): m is Record<string, unknown> => {
    const r = m as Record<string, unknown> | null;
    return r !== null && typeof r === 'object' && sameModelName(String(r['name'] ?? r['model'] ?? ''), options.model);
  });
  if (!entry) return { state: 'missing', recordedDigest, currentDigest: null };
  const currentDigest = typeof entry['digest'] === 'string' ? entry['digest'] : null;
  const same = recordedDigest !== null && currentDigest !== null && normaliseDigest(recordedDigest) === normaliseDigest(currentDigest);
  return { state: same ? 'same' : 'drifted', recordedDigest, currentDigest };
}

/** Digests compare without a `sha256:` prefix and case-insensitively. */
export function normaliseDigest(digest: string): string {
  return digest.trim().toLowerCase().replace(/^sha256[:-]/, '');
}
