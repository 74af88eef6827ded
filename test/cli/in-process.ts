// Runs the CLI in this process (runCli) against REAL engines: captured stdout/stderr, a real Engram on a seeded temp
// data directory. Capturing the streams is the only stand-in; every command runs the real core.
import path from 'node:path';
import { Readable } from 'node:stream';
import type { CliDeps, CliEngine, OpenEngramOptions } from '../../src/cli/cli-context';
import { runCli } from '../../src/cli/run-cli';
import type { Engram } from '../../src/core/engine/engram';
import { openEngram } from '../../src/core/engine/open-engram';
import { testSeed } from '../support/temp-engram';

/** A text sink that records everything written to it. */
export interface CapturedStream {
  text: string;
  readonly isTTY: boolean;
  readonly columns: number;
  write(chunk: string): boolean;
}

/** A stream that captures writes; `isTTY` says whether it presents itself as a terminal. */
export function captureStream(isTTY = false): CapturedStream {
  return {
    text: '',
    isTTY,
    columns: 100,
    write(chunk: string) {
      this.text += chunk;
      return true;
    },
  };
}

/** How a run's streams look: piped stdin text, and which streams are terminals. */
export interface StreamOptions {
  readonly stdin?: string[];
  readonly stdinTty?: boolean;
  readonly stdoutTty?: boolean;
  readonly stderrTty?: boolean;
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
}

/** The outcome of one in-process run. */
export interface InProcessRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The data directories the CLI asked to open, in order. */
  readonly opened: readonly string[];
}

/** argv as process.argv would hold it. */
export const argv = (...args: string[]): string[] => ['node', 'engram', ...args];

function streams(options: StreamOptions): Pick<CliDeps, 'stdout' | 'stderr' | 'stdin'> & { stdout: CapturedStream; stderr: CapturedStream } {
  const stdin = Object.assign(Readable.from(options.stdin ?? []), { isTTY: options.stdinTty === true });
  return { stdout: captureStream(options.stdoutTty), stderr: captureStream(options.stderrTty), stdin };
}

/**
 * One real Engram shared by many CLI runs (opening one costs seconds). The CLI closes the engine after every
 * command; here that close is counted and deferred to `cleanup`, so the next run finds the same memory open.
 * Everything else goes straight to the real engine.
 */
export class SharedEngine {
  /** How many times the CLI closed the engine. */
  closes = 0;
  private readonly view: CliEngine;

  constructor(readonly engram: Engram) {
    this.view = new Proxy(engram, {
      get: (target, property) => {
        if (property === 'close') {
          return async () => {
            this.closes += 1;
          };
        }
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
  }

  /** Runs the CLI once against this engine; `--data-dir` and the default data directory both lead to it. */
  async run(args: readonly string[], options: StreamOptions = {}): Promise<InProcessRun> {
    const io = streams(options);
    const opened: string[] = [];
    const deps: CliDeps = {
      ...io,
      cwd: options.cwd ?? '/work',
      env: options.env ?? {},
      defaultDataDir: () => '/default/Engram',
      openEngram: async ({ dataDir }) => {
        opened.push(dataDir);
        return this.view;
      },
    };
    const code = await runCli(argv(...args), deps);
    return { code, stdout: io.stdout.text, stderr: io.stderr.text, opened };
  }
}

/**
 * Runs the CLI once with the real engine factory: each command opens (and closes) a real Engram in the data
 * directory it resolves, new directories starting from the suite's migrated template. `wrapOpen` may act on the
 * opened engine before the command uses it (e.g. to break its disk).
 */
export async function runWithRealOpen(
  args: readonly string[],
  options: StreamOptions & { defaultDataDir: string; wrapOpen?: (engram: Engram) => Promise<void> },
): Promise<InProcessRun> {
  const io = streams(options);
  const opened: string[] = [];
  const deps: CliDeps = {
    ...io,
    cwd: options.cwd ?? path.dirname(options.defaultDataDir),
    env: options.env ?? {},
    defaultDataDir: () => options.defaultDataDir,
    openEngram: async (open: OpenEngramOptions) => {
      opened.push(open.dataDir);
      const engram = await openEngram({ ...open, seed: testSeed() });
      await options.wrapOpen?.(engram);
      return engram;
    },
  };
  const code = await runCli(argv(...args), deps);
  return { code, stdout: io.stdout.text, stderr: io.stderr.text, opened };
}
