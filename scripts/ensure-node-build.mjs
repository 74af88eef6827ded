// Rebuilds out/node when any source file is newer than the last build, so `npm run cli` works right after `npm ci`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stamp = path.join(root, 'out/node/.build-stamp');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Returns out/node, building it first if it is missing or older than src/, eval/, bench/ or scripts/. */
export async function ensureNodeBuild() {
  const sources = ['src', 'eval', 'bench', 'scripts'].map((d) => path.join(root, d)).filter((d) => fs.existsSync(d));
  const newest = Math.max(...sources.map(newestMtime));
  const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  const outdir = path.join(root, 'out/node');
  if (built >= newest) return outdir;
  const { buildNode } = await import('./build-node.mjs');
  await buildNode({ quiet: true });
  fs.writeFileSync(stamp, new Date().toISOString());
  return outdir;
}
