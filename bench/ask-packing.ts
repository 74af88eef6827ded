// Checks Ask's prompt packing against the real Llama 3 tokenizer (llama3-tokenizer-js): for every CISI query and
// each context window, the prompt packed from that query's recalled passages (and a thread of earlier turns), as
// Ollama would render it with Llama 3's chat template, must leave the answer's room inside the window.
import llama3Tokenizer from 'llama3-tokenizer-js';
import type { EngramApi } from '../src/core/engine/engram-api';
import { passagesFromHits } from '../src/core/ask/passages';
import { packPrompt, type HistoryTurn } from '../src/core/ask/prompt-packing';
import type { ChatMessage } from '../src/core/ask/chat-provider';

/** One window's outcome over all queries. */
export interface PackingWindowResult {
  readonly contextTokens: number;
  readonly prompts: number;
  /** Prompts whose real token count plus the answer's room exceeded the window (must be 0). */
  readonly overflows: number;
  /** Largest share of the window the real prompt plus the answer's room took. */
  readonly maxUse: number;
  /** Median share. */
  readonly medianUse: number;
  /** Smallest ratio estimate ÷ real tokens over the prompts (≥ 1: the estimate never undercounted). */
  readonly minEstimateRatio: number;
  readonly passagesGiven: number;
  readonly passagesLeftOut: number;
  readonly historyLeftOut: number;
}

/** Llama 3's chat template as Ollama renders llama3.2 (its system preamble included), as one string to tokenize. */
export function llama3Prompt(messages: readonly ChatMessage[]): string {
  const parts = ['<|begin_of_text|>'];
  for (const m of messages) {
    const content = m.role === 'system' ? `Cutting Knowledge Date: December 2023\nToday Date: 02 Dec 2026\n\n${m.content}` : m.content;
    parts.push(`<|start_header_id|>${m.role}<|end_header_id|>\n\n${content}<|eot_id|>`);
  }
  parts.push('<|start_header_id|>assistant<|end_header_id|>\n\n');
  return parts.join('');
}

/** Real Llama 3 tokens of a packed prompt. */
export function llama3Tokens(messages: readonly ChatMessage[]): number {
  return llama3Tokenizer.encode(llama3Prompt(messages), { bos: false, eos: false }).length;
}

/**
 * Packs every query at every window from `candidatesPerQuery` recalled notes (more than Ask asks for, to fill even a
 * 32k window), with a thread of `historyTurns` earlier questions and long answers, and counts real tokens.
 */
export async function checkPacking(
  engram: EngramApi,
  queries: readonly string[],
  windows: readonly number[],
  options: { candidatesPerQuery?: number; historyTurns?: number } = {},
): Promise<PackingWindowResult[]> {
  const perQuery: { question: string; candidates: ReturnType<typeof passagesFromHits> }[] = [];
  for (const question of queries) {
    const recalled = await engram.recall(question, { limit: options.candidatesPerQuery ?? 100 });
    const notes = new Map((await Promise.all(recalled.results.map((h) => engram.getNote(h.id)))).map((n) => [n.id, n]));
    perQuery.push({ question, candidates: passagesFromHits(recalled.results, notes) });
  }
  const history: HistoryTurn[] = queries.slice(0, options.historyTurns ?? 8).map((q, i) => ({
    question: q,
    answer: `${perQuery[i]!.candidates.slice(0, 3).map((c, n) => `${c.text.slice(0, 300)} [${n + 1}]`).join(' ')}`,
  }));
  return windows.map((contextTokens) => {
    const uses: number[] = [];
    let overflows = 0;
    let minRatio = Number.POSITIVE_INFINITY;
    let given = 0;
    let leftOut = 0;
    let historyLeftOut = 0;
    for (const { question, candidates } of perQuery) {
      for (const turns of [[], history]) {
        const packed = packPrompt({ question, history: turns, candidates, contextTokens });
        const real = llama3Tokens(packed.messages);
        const use = (real + packed.packing.answerTokens) / contextTokens;
        uses.push(use);
        if (use > 1) overflows++;
        minRatio = Math.min(minRatio, packed.packing.promptTokens / real);
        given += packed.packing.passagesGiven;
        leftOut += packed.packing.passagesLeftOut;
        historyLeftOut += packed.packing.historyTurnsLeftOut;
      }
    }
    uses.sort((a, b) => a - b);
    return {
      contextTokens,
      prompts: uses.length,
      overflows,
      maxUse: uses[uses.length - 1] ?? 0,
      medianUse: uses[Math.floor(uses.length / 2)] ?? 0,
      minEstimateRatio: minRatio,
      passagesGiven: given,
      passagesLeftOut: leftOut,
      historyLeftOut,
    };
  });
}
