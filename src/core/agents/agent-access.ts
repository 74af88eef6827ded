import type { AgentAccess } from '../../shared/models';
import { EngramError } from '../errors';

/** Every access level, most permissive first. */
export const AGENT_ACCESS_LEVELS: readonly AgentAccess[] = ['read-write', 'read-only', 'blocked'];

/**
 * What an agent nobody configured gets until the person chooses otherwise (in Settings or `engram agents default`).
 * Agent names are self-declared, so a new name must never get more than this: read, not write.
 */
export const DEFAULT_AGENT_ACCESS: AgentAccess = 'read-only';

/** True for a valid access level. */
export function isAgentAccess(value: unknown): value is AgentAccess {
  return typeof value === 'string' && (AGENT_ACCESS_LEVELS as readonly string[]).includes(value);
}

/** Validates an access level from any caller. */
export function requireAgentAccess(value: unknown): AgentAccess {
  if (!isAgentAccess(value)) throw new EngramError('INVALID_INPUT', `"${String(value)}" is not an access level; use ${AGENT_ACCESS_LEVELS.join(', ')}.`);
  return value;
}

/** Whether this access allows reading (recall, get, list tags). */
export function canRead(access: AgentAccess): boolean {
  return access !== 'blocked';
}

/** Whether this access allows writing (remember, forget, restore). */
export function canWrite(access: AgentAccess): boolean {
  return access === 'read-write';
}
