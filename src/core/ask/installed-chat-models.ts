// Which installed Ollama models can chat (by /api/show capabilities, never by name), to pick one when none is set.
import { createOllamaClient } from '../embedding/ollama/ollama-client';
import { readModelShow } from '../embedding/ollama/ollama-model-info';
import { parseModelName } from '../embedding/ollama/model-registry';
import { runBounded } from '../embedding/ollama/run-bounded';
import { toChatError } from './chat-errors';

/** The installed models whose capabilities include `completion`, in /api/tags order; throws ChatError when Ollama cannot be asked. */
export async function installedChatModels(host: string, timeoutMs = 10_000): Promise<string[]> {
  const client = createOllamaClient({ host, timeoutMs });
  let names: string[];
  try {
    const list = (await client.list()) as { models?: { name?: string; model?: string }[] };
    names = (list.models ?? []).map((m) => m.name ?? m.model ?? '').filter((n) => n !== '');
  } catch (error) {
    throw toChatError(error, host, '');
  }
  const chat = new Array<boolean>(names.length).fill(false);
  await runBounded(names.length, 4, async (i) => {
    const facts = await readModelShow(client, names[i]!).catch(() => null);
    chat[i] = facts?.capabilities.includes('completion') ?? false;
  });
  return names.filter((_, i) => chat[i]);
}

/** The model to use when none is set: llama3.2 when installed, else the first chat model; null when there is none. */
export function preferredChatModel(installed: readonly string[]): string | null {
  const bare = (name: string) => parseModelName(name).base;
  const named = installed.find((n) => bare(n) === 'llama3.2');
  const pick = named ?? installed[0];
  if (!pick) return null;
  return parseModelName(pick).tag === 'latest' ? bare(pick) : pick;
}
