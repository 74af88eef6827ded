// Fits a question, the thread's earlier turns and the best passages into a chat model's context window, leaving
// room for the answer. Token counts are estimates on the large side (token-estimate.ts); what did not fit is counted
// so the person is told.
import { stripCitations } from '../../shared/answer-citations';
import type { AskPacking, AskPassage } from '../../shared/ask-models';
import type { TextRange } from '../../shared/models';
import { EngramError } from '../errors';
import { ASK_SYSTEM_PROMPT, formatPassage, formatQuestionMessage, questionMessageOverhead } from './ask-prompt';
import type { ChatMessage } from './chat-provider';
import { cutToTokens, estimateMessageTokens, estimateTokens, TEMPLATE_OVERHEAD_TOKENS } from './token-estimate';

/** A passage that may go into the prompt, best first. */
export interface PassageCandidate {
  readonly noteId: number;
  readonly title: string;
  readonly createdAt: string;
  readonly tags: readonly string[];
  readonly text: string;
  readonly range: TextRange;
}

/** An earlier question and answer of the thread. */
export interface HistoryTurn {
  readonly question: string;
  readonly answer: string;
}

/** What to pack. */
export interface PackRequest {
  readonly question: string;
  /** Earlier turns, oldest first; the newest are kept first. */
  readonly history: readonly HistoryTurn[];
  /** Relevant passages, best first. */
  readonly candidates: readonly PassageCandidate[];
  /** The context window (num_ctx). */
  readonly contextTokens: number;
  /** Room for the answer; default answerTokensFor(contextTokens). */
  readonly answerTokens?: number;
  readonly system?: string;
}

/** The packed prompt: messages to send, the passages given (numbered as cited) and the accounting. */
export interface PackedPrompt {
  readonly messages: readonly ChatMessage[];
  readonly passages: readonly AskPassage[];
  readonly packing: AskPacking;
}

/** Share of the room left after the question that earlier turns may take; the passages get the rest. */
export const HISTORY_SHARE = 0.3;
/** Share of the window kept free on top of the estimate's own margin. */
export const SAFETY_SHARE = 0.02;
/** A passage that does not fit whole is cut to fit only if at least this many tokens of it would remain. */
export const MIN_CUT_PASSAGE_TOKENS = 96;

/** Room kept for the answer: a quarter of the window, between 128 and 1,024 tokens. */
export function answerTokensFor(contextTokens: number): number {
  return Math.min(1024, Math.max(128, Math.floor(contextTokens / 4)));
}

/** The prompt's estimated tokens: every message with its overhead, plus the template's. */
export function estimatePromptTokens(messages: readonly ChatMessage[]): number {
  return TEMPLATE_OVERHEAD_TOKENS + messages.reduce((n, m) => n + estimateMessageTokens(m.content), 0);
}

/** The most the prompt may take in a window: the window less the answer's room and the safety share. */
export function promptBudget(contextTokens: number, answerTokens: number): number {
  return contextTokens - answerTokens - Math.ceil(contextTokens * SAFETY_SHARE);
}

/**
 * Packs the prompt. The question always goes in (INVALID_INPUT when it alone does not fit). Earlier turns, newest
 * first, take at most HISTORY_SHARE of the room left; then passages in rank order as long as they fit, the first that
 * does not fit cut to the room left when enough of it remains. Earlier answers go back without their citation
 * numbers, which referred to other passages.
 */
export function packPrompt(request: PackRequest): PackedPrompt {
  const { question, contextTokens } = request;
  const answerTokens = request.answerTokens ?? answerTokensFor(contextTokens);
  const system = request.system ?? ASK_SYSTEM_PROMPT;
  const budget = promptBudget(contextTokens, answerTokens);
  const fixed = TEMPLATE_OVERHEAD_TOKENS + estimateMessageTokens(system) + estimateMessageTokens(questionMessageOverhead(question));
  if (fixed > budget) {
    throw new EngramError(
      'INVALID_INPUT',
      `The question is too long for the model's context window (${contextTokens.toLocaleString('en')} tokens, with room for the answer): shorten it.`,
    );
  }
  let room = budget - fixed;

  const historyRoom = Math.floor(room * HISTORY_SHARE);
  const kept: { question: string; answer: string }[] = [];
  let historyUsed = 0;
  for (let i = request.history.length - 1; i >= 0; i--) {
    const turn = request.history[i]!;
    const answer = stripCitations(turn.answer);
    const cost = estimateMessageTokens(turn.question) + estimateMessageTokens(answer);
    if (historyUsed + cost > historyRoom) break;
    historyUsed += cost;
    kept.unshift({ question: turn.question, answer });
  }
  room -= historyUsed;

  const passages: AskPassage[] = [];
  const blocks: string[] = [];
  for (const candidate of request.candidates) {
    const number = passages.length + 1;
    const whole = { ...candidate, number, truncated: false };
    const block = formatPassage(whole);
    const cost = estimateTokens(`${block}\n\n`);
    if (cost <= room) {
      passages.push(whole);
      blocks.push(block);
      room -= cost;
      continue;
    }
    const header = estimateTokens(`${formatPassage({ ...whole, text: '' })}\n\n`);
    if (room - header >= MIN_CUT_PASSAGE_TOKENS) {
      const text = cutToTokens(candidate.text, room - header - 1);
      const cut = { ...whole, text, truncated: true, range: { start: candidate.range.start, end: candidate.range.start + text.replace(/…$/, '').length } };
      const cutBlock = formatPassage(cut);
      const cutCost = estimateTokens(`${cutBlock}\n\n`);
      if (cutCost <= room) {
        passages.push(cut);
        blocks.push(cutBlock);
        room -= cutCost;
      }
    }
    break;
  }

  const messages: ChatMessage[] = [
    { role: 'system', content: system },
    ...kept.flatMap((t): ChatMessage[] => [
      { role: 'user', content: t.question },
      { role: 'assistant', content: t.answer },
    ]),
    { role: 'user', content: formatQuestionMessage(blocks, question) },
  ];
  return {
    messages,
    passages,
    packing: {
      contextTokens,
      answerTokens,
      promptTokens: estimatePromptTokens(messages),
      passagesGiven: passages.length,
      passagesLeftOut: request.candidates.length - passages.length,
      historyTurnsKept: kept.length,
      historyTurnsLeftOut: request.history.length - kept.length,
    },
  };
}
