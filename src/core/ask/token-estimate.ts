// Approximate token counts for fitting a prompt into a model's context window. Chat models tokenise differently
// (Llama 3, Qwen, Gemma, Mistral), and Engram does not ship their vocabularies, so the count errs on the large side:
// UTF-8 bytes ÷ 3. English runs about 4 characters a token in these vocabularies, code and numbers fewer, and a CJK
// character (3 bytes) is about one token. `npm run bench:ask` checks the estimate against the real Llama 3 tokenizer.

/** Tokens a chat template adds per message (role header and separators; Llama 3's is 4-5). */
export const MESSAGE_OVERHEAD_TOKENS = 8;
/** Tokens a template adds once (begin-of-text, a preamble such as Llama 3.2's knowledge-cutoff lines: about 25). */
export const TEMPLATE_OVERHEAD_TOKENS = 48;

/** The UTF-8 length of a string, without allocating. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4; // a surrogate pair is one 4-byte character
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** An estimate, on the large side, of the tokens a text takes. */
export function estimateTokens(text: string): number {
  return Math.ceil(utf8Length(text) / 3);
}

/** The estimated tokens of one chat message, its template overhead included. */
export function estimateMessageTokens(content: string): number {
  return estimateTokens(content) + MESSAGE_OVERHEAD_TOKENS;
}

/** The longest prefix of `text` estimated at most `tokens`, cut at a sentence or word end, with an ellipsis. */
export function cutToTokens(text: string, tokens: number): string {
  if (estimateTokens(text) <= tokens) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (estimateTokens(text.slice(0, mid)) + 1 <= tokens) lo = mid;
    else hi = mid - 1;
  }
  const head = text.slice(0, lo);
  const sentenceEnd = Math.max(head.lastIndexOf('. '), head.lastIndexOf('.\n'), head.lastIndexOf('? '), head.lastIndexOf('! '));
  const wordEnd = head.lastIndexOf(' ');
  const end = sentenceEnd > head.length / 2 ? sentenceEnd + 1 : wordEnd > head.length / 2 ? wordEnd : head.length;
  return `${head.slice(0, end).trimEnd()}…`;
}
