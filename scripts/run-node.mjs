// Builds the plain-Node bundles if sources changed, then runs one of them: `node scripts/run-node.mjs eval/recall-eval.ts`.
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { ensureNodeBuild } from './ensure-node-build.mjs';
import { nodeEntries } from './build-node.mjs';

const [entry, ...rest] = process.argv.slice(2);
const name = Object.entries(nodeEntries).find(([, src]) => src === entry)?.[0];
if (!name) {
  console.error(`run-node: unknown entry ${entry}; known: ${Object.values(nodeEntries).join(', ')}`);
  process.exit(1);
}
const outdir = await ensureNodeBuild();
process.argv = [process.argv[0], path.join(outdir, `${name}.js`), ...rest];
await import(pathToFileURL(path.join(outdir, `${name}.js`)).href);
