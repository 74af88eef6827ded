import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Absolute path of a bundled worker entry (`engine-worker`, `builtin-embedder-worker`). Bundles place them beside
 * the code that starts them (out/node for the CLI, out/main for the app); ENGRAM_WORKER_DIR overrides that, which
 * tests use because they run the TypeScript sources. In a packaged app the path points into app.asar.unpacked.
 * Code loaded lazily sits one level down, in the bundle's `chunks/` folder (scripts/build-node.mjs).
 */
export function workerScript(name: string): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dir = process.env.ENGRAM_WORKER_DIR ?? (path.basename(here) === 'chunks' ? path.dirname(here) : here);
  // worker threads cannot start from inside an asar archive; the packaged app unpacks them (electron-builder.json)
  return path.join(dir, `${name}.js`).replace(/\.asar([\\/])/, '.asar.unpacked$1');
}
