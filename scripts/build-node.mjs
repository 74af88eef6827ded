// Bundles the plain-Node entry points (CLI, worker threads, eval, bench) into out/node with esbuild.
// npm packages stay external: they are loaded from node_modules at run time, as in the app.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Entry points bundled for plain Node, keyed by output name. */
export const nodeEntries = {
  cli: 'src/cli/main.ts',
  'engine-worker': 'src/core/engine/engine-worker.ts',
  'builtin-embedder-worker': 'src/core/embedding/builtin/builtin-embedder-worker.ts',
  eval: 'eval/recall-eval.ts',
  'eval-related': 'eval/related-eval.ts',
  'eval-explore': 'eval/explore/explore.ts',
  bench: 'bench/run-bench.ts',
  'bench-import': 'bench/import-cli.ts',
  'bench-reembed': 'bench/reembed-under-load.ts',
  'bench-folders': 'bench/folders-cli.ts',
  'bench-ask': 'bench/ask-bench.ts',
  'bench-backup': 'bench/backup-cost.ts',
  'bench-pdf': 'bench/pdf-pages.ts',
  'bench-cli': 'bench/cli-bench.ts',
};

/** The entries the app's core needs at run time (the CLI and the worker threads). */
export const runtimeEntries = ['cli', 'engine-worker', 'builtin-embedder-worker'];

/** Builds the named entries (default: all) into out/node; returns the output directory. */
export async function buildNode({ quiet = false, only = Object.keys(nodeEntries) } = {}) {
  const outdir = path.join(root, 'out/node');
  await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(nodeEntries).filter(([k]) => only.includes(k)).map(([k, v]) => [k, path.join(root, v)])),
    outdir,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // dynamic import() becomes its own chunk, so the CLI loads PGlite, the model and the MCP SDK only when a command
    // needs them (`engram --version` spent ~600 ms loading every dependency up front)
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: true,
    logLevel: quiet ? 'error' : 'info',
  });
  return outdir;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildNode();
}
