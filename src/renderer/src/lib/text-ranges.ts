// DOM ranges of words in rendered text, for highlighting matches without touching the DOM React owns.

/** Escapes a string for use inside a regular expression. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Every occurrence of the words (whole words, any case) in the text under `root`, in document order. Each range
 * lies within one text node: a word split across elements (`bil<b>ling</b>`) is not found, which rendered notes
 * rarely do.
 */
export function wordRanges(root: Node, words: readonly string[]): Range[] {
  const unique = [...new Set(words.map((w) => w.trim().toLowerCase()).filter((w) => w.length > 0))];
  if (unique.length === 0) return [];
  unique.sort((a, b) => b.length - a.length); // a phrase before the words inside it
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${unique.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  const ranges: Range[] = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue ?? '';
    for (const match of text.matchAll(pattern)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      ranges.push(range);
    }
  }
  return ranges;
}

/** The matched words of a snippet: the text of each highlighted range. */
export function highlightedWords(text: string, highlights: readonly { start: number; end: number }[]): string[] {
  return highlights.map((h) => text.slice(h.start, h.end));
}
