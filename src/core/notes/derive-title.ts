/** Longest title derived from a body, in characters. */
export const MAX_DERIVED_TITLE = 120;

/**
 * A title for a note that has none: its first markdown heading, else its first non-empty line (without list or
 * quote markers), cut to 120 characters; null when the body has no visible text.
 */
export function deriveTitle(body: string): string | null {
  const lines = body.split(/\r?\n/);
  const heading = lines.find((line) => /^\s{0,3}#{1,6}\s+\S/.test(line));
  const candidate = heading ?? lines.find((line) => line.trim().length > 0);
  if (!candidate) return null;
  const cleaned = candidate
    .replace(/^\s{0,3}#{1,6}\s+/, '')
    .replace(/^\s*(?:[-*+>]|\d+[.)])\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (!cleaned) return null;
  return cleaned.length > MAX_DERIVED_TITLE ? `${cleaned.slice(0, MAX_DERIVED_TITLE - 1)}…` : cleaned;
}
