// Runs the built CLI (out/node/cli.js) as a child process, as a user's shell would.
import { spawn } from 'node:child_process';
import { mkdtemp, realpath, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openEngram } from '../../src/core/engine/open-engram';
import { testSeed } from '../support/temp-engram';

/** The repository root. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The bundled CLI the global setup builds. */
export const cliPath = path.join(repoRoot, 'out/node/cli.js');

/** What one CLI run produced. */
export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of one run: text piped to stdin, the working directory, extra node flags and environment. */
export interface RunOptions {
  readonly input?: string;
  readonly cwd?: string;
  readonly nodeArgs?: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly timeoutMs?: number;
  /** Run as this user and group (needs root): permission checks do not apply to root. */
  readonly uid?: number;
  readonly gid?: number;
}

/** Runs `node out/node/cli.js ...args` and resolves with its exit code and output (stdin is closed after `input`). */
export function spawnCli(args: readonly string[], options: RunOptions = {}): Promise<CliRun> {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  delete env.FORCE_COLOR;
  delete env.NO_COLOR;
  delete env.ENGRAM_DATA_DIR;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), cliPath, ...args], {
      cwd: options.cwd ?? repoRoot,
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(options.uid !== undefined ? { uid: options.uid, gid: options.gid } : {}),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 150_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => undefined); // EPIPE: a CLI may stop reading stdin (past a limit) and exit first
    child.stdin.end(options.input ?? '');
  });
}

/** Runs the CLI with --json against a data directory and parses stdout; fails loudly on a non-zero exit. */
export async function runJson<T>(dataDir: string, args: readonly string[], options: RunOptions = {}): Promise<T> {
  const run = await spawnCli(['--data-dir', dataDir, '--json', ...args], options);
  if (run.code !== 0) throw new Error(`engram ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/** A fresh temporary directory and a function that removes it. */
export async function tempDir(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  // realpath: on macOS the temp folder is a symlink, and the child's working directory comes back resolved.
  const dir = await realpath(await mkdtemp(path.join(os.tmpdir(), prefix)));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Creates a migrated data directory from the suite's template database (skipping initdb), for the CLI to open. */
export async function prepareDataDir(dataDir: string): Promise<void> {
  const engine = await openEngram({ dataDir, seed: testSeed() });
  await engine.close();
}
