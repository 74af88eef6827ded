// A safe file name for a note saved from Engram into a connected folder: the title, without characters any system
// refuses, never a reserved Windows name, short enough for every file system, and unique in its folder.
import fs from 'node:fs/promises';
import path from 'node:path';

/** Characters no file name may hold on Windows, macOS or Linux (plus control characters). */
const FORBIDDEN = /[<>:"/\\|?*#^[\]\p{Cc}]/gu;
/** Names Windows reserves whatever the extension. */
const RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
/** Characters of the name before its extension (file systems allow 255 bytes; this leaves room for " 99.md"). */
const MAX_NAME_CHARS = 120;

/** The base name (no extension) a title becomes. */
export function baseNameForTitle(title: string): string {
  let name = title.normalize('NFC').replace(FORBIDDEN, ' ').replace(/\s+/g, ' ').trim();
  name = name.replace(/^[.\s]+|[.\s]+$/g, '');
  if ([...name].length > MAX_NAME_CHARS) name = [...name].slice(0, MAX_NAME_CHARS).join('').trim();
  if (!name || RESERVED.test(name)) name = name ? `${name} note` : 'Untitled';
  return name;
}

/** Candidate paths for a title in a folder: `Title.md`, then `Title 2.md`, `Title 3.md` ... */
export function* namesForTitle(dir: string, title: string, extension = '.md'): Generator<string> {
  const base = baseNameForTitle(title);
  yield path.join(dir, `${base}${extension}`);
  for (let n = 2; n < 10_000; n++) yield path.join(dir, `${base} ${n}${extension}`);
}

/** True when a name is taken in the folder, whatever its letter case (so the file is safe on any disk it syncs to). */
export async function nameTaken(candidate: string): Promise<boolean> {
  const names = await fs.readdir(path.dirname(candidate)).catch(() => [] as string[]);
  const wanted = path.basename(candidate).toLowerCase();
  return names.some((n) => n.toLowerCase() === wanted);
}
