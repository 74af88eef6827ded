import type { AgentAccess, AgentInfo, AgentList } from '../../shared/models';
import type { NotesRepository } from '../db/repositories/notes-repository';
import type { SettingsRepository } from '../db/repositories/settings-repository';
import { DEFAULT_AGENT_ACCESS, isAgentAccess, requireAgentAccess } from './agent-access';
import { normaliseAgentName, PERSON_AUTHOR } from './agent-name';

/** Settings key of the access an unknown agent gets. */
const DEFAULT_ACCESS_KEY = 'agents.defaultAccess';
/** Settings key of the per-agent records. */
const AGENTS_KEY = 'agents.registry';
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

/**
 * Per-agent permissions (read-write, read-only, blocked) kept in the settings table, keyed by the agent's MCP
 * client name. Agents nobody configured get the default access. Changes are serialised, so concurrent calls
 * (several agents at once) never lose an update.
 */
export class AgentsService {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: AgentsServiceDeps) {}

  /** Every agent that was configured, has connected, or wrote notes, with the default access. */
  async list(): Promise<AgentList> {
    const [defaultAccess, records, counts] = await Promise.all([this.defaultAccess(), this.records(), this.deps.notes.authorCounts()]);
    const names = new Set([...Object.keys(records), ...[...counts.keys()].filter((a) => a !== PERSON_AUTHOR)]);
    const agents: AgentInfo[] = [...names].sort((a, b) => a.localeCompare(b)).map((name) => {
      const record = records[name] ?? {};
      return {
        name,
        access: record.access ?? defaultAccess,
        usesDefault: record.access === undefined,
        lastSeenAt: record.lastSeenAt ?? null,
        notes: counts.get(name) ?? 0,
      };
    });
    return { defaultAccess, agents };
  }

  /** The access this agent has now; also records that it was seen (at most once a minute). */
  async access(name: string): Promise<AgentAccess> {
    const agent = normaliseAgentName(name);
    return this.serialised(async () => {
      const records = await this.records();
      const record = records[agent] ?? {};
      const now = this.now();
      const last = record.lastSeenAt ? Date.parse(record.lastSeenAt) : 0;
      if (now.getTime() - last >= SEEN_RESOLUTION_MS) {
        await this.deps.settings.set(AGENTS_KEY, { ...records, [agent]: { ...record, lastSeenAt: now.toISOString() } });
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
      await this.deps.settings.set(AGENTS_KEY, { ...records, [agent]: { ...records[agent], access: chosen } });
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
