import { EngramError } from '../errors';

/** Longest agent name kept (the notes' author column allows 100 characters). */
export const MAX_AGENT_NAME_CHARS = 100;

/** The author name reserved for the person using the app. */
export const PERSON_AUTHOR = 'you';

/**
 * An agent's name as stored: the MCP client name with control characters removed, trimmed and cut to 100
 * characters. Agents cannot pose as the person: "you" becomes "agent you".
 */
export function normaliseAgentName(name: unknown): string {
  if (typeof name !== 'string') throw new EngramError('INVALID_INPUT', 'An agent name must be text.');
  const cleaned = name.toWellFormed().replace(/\p{Cc}+/gu, ' ').trim().slice(0, MAX_AGENT_NAME_CHARS).trim();
  if (!cleaned) throw new EngramError('INVALID_INPUT', 'An agent name cannot be empty.');
  return cleaned.toLowerCase() === PERSON_AUTHOR ? `agent ${cleaned}` : cleaned;
}
