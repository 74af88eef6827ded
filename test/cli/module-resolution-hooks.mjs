// Module customisation hooks (they run on Node's hooks thread): log each resolved specifier, change nothing.
import fs from 'node:fs';

const log = process.env.ENGRAM_TEST_RESOLVE_LOG;

/** Resolves as Node would, and records the specifier. */
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  if (log) fs.appendFileSync(log, `${specifier}\n`);
  return resolved;
}
