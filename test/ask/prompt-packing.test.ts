// Packing: the prompt never exceeds the window less the answer's room; what did not fit is counted; history trimmed.
import { describe, expect, it } from 'vitest';
import { answerTokensFor, estimatePromptTokens, packPrompt, promptBudget, type PassageCandidate } from '../../src/core/ask/prompt-packing';
import { estimateTokens } from '../../src/core/ask/token-estimate';

const passage = (i: number, chars: number): PassageCandidate => ({
  noteId: i,
  title: `Note ${i}`,
  createdAt: '2026-03-02T10:00:00.000Z',
  tags: ['home'],
  text: `Passage ${i}. ${'The boiler needs a yearly service and the plumber checks the pressure valve. '.repeat(Math.ceil(chars / 76))}`.slice(0, chars),
  range: { start: 0, end: chars },
});

describe('packPrompt', () => {
  for (const contextTokens of [2048, 8192, 32768]) {
    it(`stays within ${contextTokens} tokens with room for the answer, and says how many passages were left out`, () => {
      const candidates = Array.from({ length: 80 }, (_, i) => passage(i + 1, 1500));
      const packed = packPrompt({ question: 'What did I decide about the boiler?', history: [], candidates, contextTokens });
      const estimate = estimatePromptTokens(packed.messages);
      expect(packed.packing.promptTokens).toBe(estimate);
      expect(estimate).toBeLessThanOrEqual(promptBudget(contextTokens, answerTokensFor(contextTokens)));
      expect(estimate + packed.packing.answerTokens).toBeLessThanOrEqual(contextTokens);
      expect(packed.packing.passagesGiven).toBeGreaterThan(0);
      expect(packed.packing.passagesGiven + packed.packing.passagesLeftOut).toBe(80);
      expect(packed.packing.passagesLeftOut).toBeGreaterThan(0);
      // numbered in rank order, and the last message carries them and the question
      expect(packed.passages.map((p) => p.number)).toEqual(packed.passages.map((_, i) => i + 1));
      expect(packed.passages.map((p) => p.noteId)).toEqual(packed.passages.map((_, i) => i + 1));
      const last = packed.messages.at(-1)!;
      expect(last.role).toBe('user');
      expect(last.content).toContain('[1] Note 1 (2026-03-02, #home)');
      expect(last.content.endsWith('Question: What did I decide about the boiler?')).toBe(true);
    });
  }

  it('gives every passage when they fit, and none is cut', () => {
    const packed = packPrompt({ question: 'boiler?', history: [], candidates: [passage(1, 300), passage(2, 300)], contextTokens: 8192 });
    expect(packed.packing.passagesGiven).toBe(2);
    expect(packed.packing.passagesLeftOut).toBe(0);
    expect(packed.passages.some((p) => p.truncated)).toBe(false);
  });

  it('cuts the first passage that does not fit when enough room remains, and keeps its range in step', () => {
    const packed = packPrompt({ question: 'boiler?', history: [], candidates: [passage(1, 12_000)], contextTokens: 2048 });
    expect(packed.passages).toHaveLength(1);
    const [cut] = packed.passages;
    expect(cut!.truncated).toBe(true);
    expect(cut!.text.endsWith('…')).toBe(true);
    expect(cut!.range.end - cut!.range.start).toBe(cut!.text.length - 1);
    expect(packed.packing.promptTokens).toBeLessThanOrEqual(promptBudget(2048, answerTokensFor(2048)));
  });

  it('keeps the newest earlier turns within their share and drops the oldest, without stale citation numbers', () => {
    const history = Array.from({ length: 30 }, (_, i) => ({
      question: `Question ${i} about the boiler and its yearly service?`,
      answer: `Answer ${i}: the plumber services it every autumn [1]. ${'More detail about valves and pressure. '.repeat(12)}`,
    }));
    const packed = packPrompt({ question: 'And when is the next one?', history, candidates: [passage(1, 800)], contextTokens: 4096 });
    const { historyTurnsKept, historyTurnsLeftOut } = packed.packing;
    expect(historyTurnsKept).toBeGreaterThan(0);
    expect(historyTurnsLeftOut).toBe(30 - historyTurnsKept);
    expect(historyTurnsLeftOut).toBeGreaterThan(0);
    const asked = packed.messages.filter((m) => m.role === 'user').map((m) => m.content);
    // the newest turns are the ones kept, in order, followed by the question
    expect(asked.slice(0, -1)).toEqual(history.slice(30 - historyTurnsKept).map((t) => t.question));
    const answers = packed.messages.filter((m) => m.role === 'assistant').map((m) => m.content);
    expect(answers.every((a) => !a.includes('[1]'))).toBe(true);
    expect(packed.packing.promptTokens).toBeLessThanOrEqual(promptBudget(4096, answerTokensFor(4096)));
    expect(packed.packing.passagesGiven).toBe(1); // history never crowds out the passages
  });

  it('refuses a question that cannot fit at all', () => {
    const question = 'why '.repeat(3000);
    expect(() => packPrompt({ question, history: [], candidates: [], contextTokens: 2048 })).toThrow(/too long for the model's context window/);
  });

  it('estimates on the large side for English, numbers and other scripts', () => {
    expect(estimateTokens('The quick brown fox jumps over the lazy dog.')).toBeGreaterThanOrEqual(10); // 10 tokens in Llama 3
    expect(estimateTokens('日本語のテキスト')).toBeGreaterThanOrEqual(8);
    expect(estimateTokens('')).toBe(0);
  });
});
