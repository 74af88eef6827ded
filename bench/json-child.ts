// Runs a measurement in a fresh Node process and reads the one JSON line it prints last, so nothing (compiled
// WebAssembly, loaded weights, warm caches) carries over from the parent or from an earlier run.
import { spawn } from 'node:child_process';

/** Runs `node script ...args`; resolves with the parsed last stdout line, rejects with stderr when it fails. */
export function runJsonChild<T>(script: string, args: readonly string[], label: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`${label} child failed (exit ${code}): ${stderr.trim() || stdout.trim()}`));
      else resolve(JSON.parse(line) as T);
    });
  });
}
