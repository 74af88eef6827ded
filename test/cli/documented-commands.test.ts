// Every command and option the README's and docs/CLI.md's tables name must be known to the shipped `engram --help`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, spawnCli } from './cli-process';

/** What `engram [path...] --help` says: its subcommands and its options. */
interface Help {
  readonly commands: ReadonlySet<string>;
  readonly options: ReadonlySet<string>;
}

const helps = new Map<string, Promise<Help>>();

/** Runs the built CLI's help for a command path (cached) and parses its Commands and Options sections. */
function helpOf(commandPath: readonly string[]): Promise<Help> {
  const key = commandPath.join(' ');
  let help = helps.get(key);
  if (!help) {
    help = spawnCli([...commandPath, '--help'], { timeoutMs: 170_000 }).then((run) => {
      if (run.code !== 0) throw new Error(`engram ${key} --help exited ${run.code}: ${run.stderr}`);
      const commands = new Set<string>();
      const options = new Set<string>();
      let section = '';
      for (const line of run.stdout.split('\n')) {
        const heading = /^(\w+):/.exec(line);
        if (heading) section = heading[1]!;
        else if (section === 'Commands' && /^ {2}\S/.test(line)) commands.add(line.trim().split(/\s+/)[0]!);
        else if (section === 'Options' && /^ {2}-/.test(line)) {
          for (const flag of line.trim().split(/\s{2,}/)[0]!.matchAll(/--?[a-zA-Z][\w-]*/g)) options.add(flag[0]);
        }
      }
      return { commands, options };
    });
    helps.set(key, help);
  }
  return help;
}

/** The longest run of leading words that are (sub)commands, as the help lists them. */
async function commandPathOf(words: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const word of words) {
    if (!(await helpOf(found)).commands.has(word)) break;
    found.push(word);
  }
  return found;
}

/** The options named in a usage text such as `reembed --resume\|--pause` or `[--tag TAG]...`. */
function optionsIn(text: string): string[] {
  return [...text.matchAll(/(?:^|[\s[|(,\\])(--?[a-zA-Z][\w-]*)/g)].map((m) => m[1]!);
}

/** One documented item: a command path (as written) and the options it names, with where it was written. */
interface Documented {
  readonly where: string;
  readonly words: readonly string[];
  readonly options: readonly string[];
  /** True when the words must name a command (a usage); false for option rows under a section's command. */
  readonly isCommand: boolean;
}

const codeSpans = (text: string): string[] => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!.replace(/\\\|/g, '|'));

/** Table rows (first cell) and `engram ...` headings of a Markdown file, in order. */
function documentedIn(file: string): Documented[] {
  const lines = readFileSync(path.join(repoRoot, file), 'utf8').split('\n');
  const items: Documented[] = [];
  let section: string[] = [];
  let inFence = false;
  lines.forEach((line, index) => {
    if (line.startsWith('```')) inFence = !inFence;
    if (inFence) return;
    const where = `${file}:${index + 1}`;
    if (/^#{1,3} /.test(line)) {
      const usages = codeSpans(line).filter((span) => span.startsWith('engram '));
      section = /global options/i.test(line) ? [] : usages[0] ? usages[0].slice('engram '.length).split(/\s+/) : section;
      for (const usage of usages) items.push({ where, words: usage.slice('engram '.length).split(/\s+/), options: [], isCommand: true });
      return;
    }
    if (!line.startsWith('| `')) return;
    const firstCell = line.split(/(?<!\\)\|/)[1] ?? '';
    for (const span of codeSpans(firstCell)) {
      if (span.startsWith('-')) items.push({ where, words: section, options: optionsIn(span), isCommand: false });
      else items.push({ where, words: span.replace(/^engram /, '').split(/\s+/), options: optionsIn(span), isCommand: true });
    }
  });
  return items;
}

/** Asks for every command's help up front, one level of the tree at a time, a few in parallel. */
async function loadHelpTree(): Promise<void> {
  let level: string[][] = [[]];
  while (level.length > 0) {
    const helpsOfLevel: Help[] = [];
    for (let i = 0; i < level.length; i += 4) helpsOfLevel.push(...(await Promise.all(level.slice(i, i + 4).map(helpOf)))); // 4 at a time: 2 cores
    level = level.flatMap((parent, i) => [...helpsOfLevel[i]!.commands].filter((c) => c !== 'help').map((c) => [...parent, c]));
  }
}

describe('documented commands and options', { timeout: 240_000 }, () => {
  beforeAll(loadHelpTree, 240_000);

  for (const file of ['README.md', 'docs/CLI.md']) {
    it(`${file}: every command and option in its tables is known to engram --help`, async () => {
      const items = documentedIn(file);
      expect(items.length).toBeGreaterThan(10);
      const problems: string[] = [];
      for (const item of items) {
        const commandPath = await commandPathOf(item.words);
        if (item.isCommand && commandPath.length === 0) {
          problems.push(`${item.where}: \`${item.words.join(' ')}\` is not a command of engram --help`);
          continue;
        }
        const help = await helpOf(commandPath);
        const global = await helpOf([]);
        for (const option of item.options) {
          if (!help.options.has(option) && !global.options.has(option)) problems.push(`${item.where}: \`engram ${commandPath.join(' ')}\` has no option ${option}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it('lists mcp among the commands, and its own help works', async () => {
    expect((await helpOf([])).commands).toContain('mcp');
    expect((await helpOf(['mcp'])).options).toContain('--idle-close');
  });
});
