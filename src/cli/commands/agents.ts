// `engram agents`: the AI agents that reach the memory over MCP, their access, and the default for new ones.
import { Argument, type Command } from 'commander';
import type { AgentAccess, AgentInfo, AgentList } from '../../shared/models';
import { contextFor, type CliContext, type CliDeps } from '../cli-context';
import { formatDateTime, formatTable } from '../format';
import { withEngine } from '../with-engine';

/** Access levels as the commands spell them. */
const LEVELS = ['read-write', 'read-only', 'blocked'] as const;

/** An access level in words. */
const IN_WORDS: Record<AgentAccess, string> = { 'read-write': 'may read and write', 'read-only': 'may read but not write', blocked: 'is blocked' };

/** What the default now means, in words. */
const DEFAULT_IN_WORDS: Record<AgentAccess, string> = {
  'read-write': 'A new agent may now read and write at once. Agent names are self-declared: any program that starts engram mcp can pick a new one.',
  'read-only': 'A new agent may now read but not write until you allow it.',
  blocked: 'A new agent now gets no access until you allow it.',
};

/** Registers `agents` (list), `agents set NAME ACCESS` and `agents default ACCESS`. */
export function registerAgents(program: Command, deps: CliDeps): void {
  const agents = program
    .command('agents')
    .summary('list AI agents (MCP) and set what each may do')
    .description(
      'AI agents reach the memory through `engram mcp` under the name their host sends. Names are self-declared, so a ' +
        'new name gets the default for new agents (read-only unless you change it); set each agent you trust.',
    );

  agents
    .command('list', { isDefault: true })
    .summary('list agents with their access, notes and when they were last seen (the default)')
    .action(async (_options: unknown, command: Command) => {
      const ctx = contextFor(command, deps);
      const list = await withEngine(ctx, (engine) => engine.listAgents());
      if (ctx.json) ctx.out.printJson(list);
      else ctx.out.print(...formatAgents(list, ctx));
    });

  agents
    .command('set')
    .summary('set one agent’s access: read-write, read-only, blocked, or default')
    .argument('<name>', 'the agent’s name, as `engram agents` lists it (case does not matter)')
    .addArgument(new Argument('<access>', 'what it may do').choices([...LEVELS, 'default']))
    .action(async (name: string, access: AgentAccess | 'default', _options: unknown, command: Command) => {
      const ctx = contextFor(command, deps);
      const list = await withEngine(ctx, (engine) => engine.setAgentAccess(name, access === 'default' ? null : access));
      if (ctx.json) {
        ctx.out.printJson(list);
        return;
      }
      const agent = list.agents.find((a) => a.name.toLowerCase() === name.trim().toLowerCase());
      const shown = agent?.name ?? name.trim();
      ctx.out.print(
        access === 'default'
          ? `"${shown}" uses the default for new agents again: it ${IN_WORDS[list.defaultAccess]}.`
          : `"${shown}" ${IN_WORDS[access]}.${agent && agent.lastSeenAt === null && agent.notes === 0 ? ' (No agent of that name has connected yet.)' : ''}`,
      );
    });

  agents
    .command('default')
    .summary('set what a new, unknown agent may do: read-only (the default), blocked, or read-write')
    .addArgument(new Argument('<access>', 'what a new agent may do until you set it').choices(LEVELS))
    .action(async (access: AgentAccess, _options: unknown, command: Command) => {
      const ctx = contextFor(command, deps);
      const list = await withEngine(ctx, (engine) => engine.setDefaultAgentAccess(access));
      if (ctx.json) ctx.out.printJson(list);
      else ctx.out.print(DEFAULT_IN_WORDS[access]);
    });
}

/** The agents as a table, the default first, and what to do about agents waiting for a decision. */
function formatAgents(list: AgentList, ctx: CliContext): string[] {
  const { bold } = ctx.out.styles;
  const lines = [`${bold('New agents')}  ${list.defaultAccess} (change with \`engram agents default read-write|read-only|blocked\`)`, ''];
  if (list.agents.length === 0) return [...lines, 'No agent has connected yet.'];
  const row = (a: AgentInfo): string[] => [
    a.name,
    a.usesDefault ? `${a.access} (default)` : a.access,
    String(a.notes),
    a.lastSeenAt ? formatDateTime(a.lastSeenAt) : '-',
    a.awaitingDecision ? 'new: waiting for you' : '',
  ];
  lines.push(...formatTable(['name', 'access', 'notes', 'last seen', ''], list.agents.map(row), ctx.out.styles));
  const waiting = list.agents.filter((a) => a.awaitingDecision);
  if (waiting.length > 0) {
    lines.push('', `${waiting.length === 1 ? 'A new agent wants' : `${waiting.length} new agents want`} access: \`engram agents set NAME read-write|read-only|blocked\`.`);
  }
  return lines;
}
