import type { AgentAccess, AgentInfo, AgentList } from '../../shared/models';
import type { NotesRepository } from '../db/repositories/notes-repository';
import type { SettingsRepository } from '../db/repositories/settings-repository';
import { canWrite, DEFAULT_AGENT_ACCESS, isAgentAccess, requireAgentAccess } from './agent-access';
import { normaliseAgentName, PERSON_AUTHOR } from './agent-name';

/** Settings key of the access an unknown agent gets. */
const DEFAULT_ACCESS_KEY = 'agents.defaultAccess';
/** Settings key of the per-agent records. */
const AGENTS_KEY = 'agents.registry';
/** Settings key of the agents policy version this memory was brought up to (see upgradePolicy). */
const POLICY_KEY = 'agents.policyVersion';
/** Version 2: new agents get read-only unless the person chose another default. */
const POLICY_VERSION = 2;
/** An agent's last-seen time is written at most this often. */
const SEEN_RESOLUTION_MS = 60_000;

/** What the settings table keeps per agent. */
interface AgentRecord {
  access?: AgentAccess;
  lastSeenAt?: string;
}

/** What the agents service needs: settings and notes repositories, and a clock. */
export interface AgentsServiceDeps {
  readonly settings: SettingsRepository;
  readonly notes: NotesRepository;
  readonly now?: () => Date;
}

/** The key a record is kept under for this agent: an existing one that differs only in case, else the name itself. */
function recordKey(records: Record<string, AgentRecord>, agent: string): string {
  if (Object.hasOwn(records, agent)) return agent;
  const folded = agent.toLowerCase();
  return Object.keys(records).find((key) => key.toLowerCase() === folded) ?? agent;
}

/** Access levels from the most to the least restrictive. */
const STRICTNESS: readonly AgentAccess[] = ['blocked', 'read-only', 'read-write'];

/** A stored name, normalised; null when nothing is left of it. */
function cleanedName(name: string): string | null {
  try {
    return normaliseAgentName(name);
  } catch {
    return null;
  }
}

/** Two records of one agent as one: the stricter access, the later sighting. */
function mergeRecords(a: AgentRecord | undefined, b: AgentRecord): AgentRecord {
  if (!a) return { ...b };
  const accesses = [a.access, b.access].filter((x): x is AgentAccess => x !== undefined);
  const access = STRICTNESS.find((level) => accesses.includes(level));
  const seen = [a.lastSeenAt, b.lastSeenAt].filter((x): x is string => x !== undefined).sort().at(-1);
  return { ...(access ? { access } : {}), ...(seen ? { lastSeenAt: seen } : {}) };
}

/**
 * Per-agent permissions (read-write, read-only, blocked) kept in the settings table, keyed by the agent's MCP
 * client name, normalised (agent-name.ts) and matched without regard to case. Names are self-declared, so an agent
 * nobody configured gets the default the person chose (read-only unless changed): blocking one name is not a
 * boundary, the default is. Changes are serialised, so concurrent calls (several agents at once) never lose one.
 */
export class AgentsService {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: AgentsServiceDeps) {}

  /**
   * Brings a memory from before policy 2 up to date, once. Names stored before they were normalised are cleaned
   * (notes' authors and agent records; when two records become one, the stricter access wins), so a name with a
   * zero-width space or a look-alike of "you" no longer stands apart. That memory had no stored default and gave
   * every agent read-write, so each agent it already knew (seen or with notes) keeps read-write explicitly; new names
   * now get the read-only default. A default the person had chosen is kept as it is.
   */
  async upgradePolicy(): Promise<void> {
    await this.serialised(async () => {
      if (((await this.deps.settings.get<number>(POLICY_KEY)) ?? 0) >= POLICY_VERSION) return;
      for (const author of await this.deps.notes.allAuthors()) {
        const cleaned = author === PERSON_AUTHOR ? author : cleanedName(author);
        if (cleaned !== null && cleaned !== author) await this.deps.notes.renameAuthor(author, cleaned);
      }
      const records: Record<string, AgentRecord> = {};
      for (const [name, record] of Object.entries(await this.records())) {
        const cleaned = cleanedName(name);
        if (cleaned === null) continue;
        const key = recordKey(records, cleaned);
        records[key] = mergeRecords(records[key], record);
      }
      if ((await this.deps.settings.get<unknown>(DEFAULT_ACCESS_KEY)) === undefined) {
        const authors = [...(await this.deps.notes.authorCounts()).keys()].filter((a) => a !== PERSON_AUTHOR);
        for (const name of [...Object.keys(records), ...authors]) {
          const key = recordKey(records, name);
          if (records[key]?.access === undefined) records[key] = { ...records[key], access: 'read-write' };
        }
      }
      await this.deps.settings.set(AGENTS_KEY, records);
      await this.deps.settings.set(POLICY_KEY, POLICY_VERSION);
    });
  }

  /** Every agent that was configured, has connected, or wrote notes, with the default access. */
  async list(): Promise<AgentList> {
    const [defaultAccess, records, counts] = await Promise.all([this.defaultAccess(), this.records(), this.deps.notes.authorCounts()]);
    const names = new Set(Object.keys(records));
    for (const author of counts.keys()) if (author !== PERSON_AUTHOR && recordKey(records, author) === author) names.add(author);
    const agents: AgentInfo[] = [...names].sort((a, b) => a.localeCompare(b)).map((name) => {
      const record = records[name] ?? {};
      const usesDefault = record.access === undefined;
      const lastSeenAt = record.lastSeenAt ?? null;
      return {
        name,
        access: record.access ?? defaultAccess,
        usesDefault,
        lastSeenAt,
        notes: [...counts].filter(([author]) => author.toLowerCase() === name.toLowerCase()).reduce((sum, [, n]) => sum + n, 0),
        awaitingDecision: usesDefault && lastSeenAt !== null && !canWrite(defaultAccess),
      };
    });
    return { defaultAccess, agents };
  }

  /** The access this agent has now; also records that it was seen (at most once a minute). */
  async access(name: string): Promise<AgentAccess> {
    const agent = normaliseAgentName(name);
    return this.serialised(async () => {
      const records = await this.records();
      const key = recordKey(records, agent);
      const record = records[key] ?? {};
      const now = this.now();
      const last = record.lastSeenAt ? Date.parse(record.lastSeenAt) : 0;
      if (now.getTime() - last >= SEEN_RESOLUTION_MS) {
        await this.deps.settings.set(AGENTS_KEY, { ...records, [key]: { ...record, lastSeenAt: now.toISOString() } });
      }
      return record.access ?? (await this.defaultAccess());
    });
  }

  /** Sets one agent's access; null returns it to the default. */
  async setAccess(name: string, access: AgentAccess | null): Promise<AgentList> {
    const agent = normaliseAgentName(name);
    const chosen = access === null ? undefined : requireAgentAccess(access);
    await this.serialised(async () => {
      const records = await this.records();
      const key = recordKey(records, agent);
      await this.deps.settings.set(AGENTS_KEY, { ...records, [key]: { ...records[key], access: chosen } });
    });
    return this.list();
  }

  /** Sets the access of agents nobody configured. */
  async setDefaultAccess(access: AgentAccess): Promise<AgentList> {
    const chosen = requireAgentAccess(access);
    await this.serialised(() => this.deps.settings.set(DEFAULT_ACCESS_KEY, chosen));
    return this.list();
  }

  private async defaultAccess(): Promise<AgentAccess> {
    const stored = await this.deps.settings.get<unknown>(DEFAULT_ACCESS_KEY);
    return isAgentAccess(stored) ? stored : DEFAULT_AGENT_ACCESS;
  }

  private async records(): Promise<Record<string, AgentRecord>> {
    const stored = await this.deps.settings.get<Record<string, AgentRecord>>(AGENTS_KEY);
    return stored && typeof stored === 'object' ? stored : {};
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
