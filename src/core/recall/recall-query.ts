/** A recall query split into free text and "exact phrases". */
export interface ParsedQuery {
  /** The query without quote marks: what keyword search ranks and the model embeds. */
  readonly text: string;
  /** Phrases that were in double quotes; every result must contain each of them. */
  readonly phrases: readonly string[];
  /** Lower-cased words for highlighting, without stop words. */
  readonly terms: readonly string[];
}

const STOP_WORDS = new Set(
  'a an and are as at be but by for from has have how i in is it its of on or that the this to was were what when where which who why will with you your'.split(' '),
);

/** Splits a query into free text and quoted phrases (straight or curly quotes). An unclosed quote is plain text. */
export function parseRecallQuery(query: string): ParsedQuery {
  const phrases: string[] = [];
  const text = query
    .replace(/["“”]([^"“”]+)["“”]/g, (_, phrase: string) => {
      const cleaned = phrase.replace(/\s+/g, ' ').trim();
      if (cleaned) phrases.push(cleaned);
      return ` ${cleaned} `;
    })
    .replace(/["“”]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const terms = [...new Set((text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 1 && !STOP_WORDS.has(w)))];
  return { text, phrases, terms };
}
