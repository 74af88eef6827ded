/**
 * Longest text of a note sent as its keyword query, in characters (cut at a word boundary). Median abstracts in the
 * eval's collections are 400-600 characters; pg_textsearch takes longer texts, but every word walks a posting list,
 * so the longest notes are cut (the start of a note usually says what it is about). 500 made the whole call at 100k
 * chunks ~35% faster but lost quality on CACM (recall@10 below the keyword baseline): eval/README.md.
 */
export const KEYWORD_QUERY_CHARS = 1000;

/** A note's title and body as one BM25 query of at most KEYWORD_QUERY_CHARS, white space folded. */
export function keywordQueryFor(title: string, body: string): string {
  const text = `${title} ${body.startsWith(title) ? body.slice(title.length) : body}`.replace(/\s+/g, ' ').trim();
  if (text.length <= KEYWORD_QUERY_CHARS) return text;
  const cut = text.lastIndexOf(' ', KEYWORD_QUERY_CHARS);
  return text.slice(0, cut > 0 ? cut : KEYWORD_QUERY_CHARS);
}
