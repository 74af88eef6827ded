import unhomoglyph from 'unhomoglyph';
import { EngramError } from '../errors';

/** Longest agent name kept (the notes' author column allows 100 characters). */
export const MAX_AGENT_NAME_CHARS = 100;

/** The author name reserved for the person using the app. */
export const PERSON_AUTHOR = 'you';

/**
 * A name as it renders, with everything that could make two names look alike but differ removed: NFKC (full-width
 * and compatibility forms become plain letters), invisible characters dropped (zero-width spaces and joiners, soft
 * hyphens, bidirectional controls such as the right-to-left override, and every other default-ignorable code point),
 * control characters and every kind of space folded to single spaces, trimmed.
 */
export function cleanDisplayName(text: string): string {
  return text
    .toWellFormed()
    .normalize('NFKC')
    .replace(/[\p{Default_Ignorable_Code_Point}\p{Cf}]/gu, '')
    .replace(/[\p{Cc}\p{Z}]+/gu, ' ')
    .trim();
}

/**
 * True when a (cleaned) name reads as the person's: "you" in any case, or written with look-alike letters
 * (Cyrillic о, Greek υ, a digit zero...) per Unicode's confusables (TR39 skeleton).
 */
export function looksLikePerson(name: string): boolean {
  const lower = name.toLowerCase();
  return lower === PERSON_AUTHOR || unhomoglyph(lower).toLowerCase() === PERSON_AUTHOR;
}

/**
 * An agent's name as stored and shown: the MCP client name cleaned (cleanDisplayName) and cut to 100 characters.
 * Agents cannot pose as the person: a name that reads as "you" becomes "agent <name>".
 */
export function normaliseAgentName(name: unknown): string {
  if (typeof name !== 'string') throw new EngramError('INVALID_INPUT', 'An agent name must be text.');
  const cleaned = [...cleanDisplayName(name)].slice(0, MAX_AGENT_NAME_CHARS).join('').trim();
  if (!cleaned) throw new EngramError('INVALID_INPUT', 'An agent name cannot be empty.');
  return looksLikePerson(cleaned) ? `agent ${cleaned}` : cleaned;
}

/** The key an agent's settings are found by: its normalised name, case-folded ("Blocked-Agent" is "blocked-agent"). */
export function agentKey(name: string): string {
  return normaliseAgentName(name).toLowerCase();
}
