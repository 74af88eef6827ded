// The size of a folder tree on disk, without loading the database engine (the CLI's light commands use it).
import fs from 'node:fs';

/** Total size in bytes of the files under a directory (the database's footprint on disk). */
export function directorySize(dir: string): number {
  let total = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = `${dir}/${entry.name}`;
    if (entry.isDirectory()) total += directorySize(full);
    else if (entry.isFile()) total += fs.statSync(full).size;
  }
  return total;
}
