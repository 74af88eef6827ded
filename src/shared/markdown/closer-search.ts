/**
 * Finds the next `marker` at or after `from` in `src`, remembering a failed search so that many unclosed openers in
 * one text cost one scan, not one scan each (`**a ` or `$a ` repeated 80k times must stay linear).
 */
export function findCloser(src: string, marker: string, from: number): number {
  const failedFrom = failed.get(marker);
  if (failedFrom && failedFrom.src === src && failedFrom.from <= from) return -1;
  const at = src.indexOf(marker, from);
  if (at === -1) failed.set(marker, { src, from });
  return at;
}

const failed = new Map<string, { src: string; from: number }>();
