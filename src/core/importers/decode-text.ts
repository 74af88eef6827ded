import { isUtf8 } from 'node:buffer';
import { ImportFileError } from './import-types';

const SNIFF_BYTES = 8000;
const REPLACEMENT = '\uFFFD';
/** U+FFFD as UTF-8: a replacement character that was already in the file is not one Engram made. */
const REPLACEMENT_UTF8 = Buffer.from(REPLACEMENT, 'utf8');

/** Text read from a file's bytes, and what the person should know about how it was read. */
export interface DecodedText {
  readonly text: string;
  /** E.g. that invalid bytes were replaced; empty when the text was read exactly as it is. */
  readonly warnings: readonly string[];
}

/**
 * Decodes a text file's bytes, the same way wherever text comes in (imports, `engram add --file`, stdin): a
 * byte-order mark picks UTF-8, UTF-16 LE or UTF-16 BE (and is dropped); without one the text is UTF-8. Binary content
 * (a NUL byte near the start, without a UTF-16 mark) and UTF-32 are refused with a reason. Bytes that are not valid in
 * the encoding are replaced by U+FFFD, as every text editor does, and a warning says how many, so it is never silent.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    throw new ImportFileError('UTF-32 text, which Engram does not read; save it as UTF-8 and import it again');
  }
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return utf8(bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return utf16(bytes.subarray(2), 'utf-16le');
  if (startsWith(bytes, [0xfe, 0xff])) return utf16(bytes.subarray(2), 'utf-16be');
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) throw new ImportFileError('binary file (it contains NUL bytes), not text');
  return utf8(bytes);
}

function utf8(bytes: Uint8Array): DecodedText {
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  if (isUtf8(bytes)) return { text, warnings: [] };
  const replaced = count(text, REPLACEMENT) - countBytes(bytes, REPLACEMENT_UTF8);
  return { text, warnings: [replacedWarning(replaced, 'UTF-8')] };
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodedText {
  const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes);
  let already = 0; // U+FFFD code units that were in the file
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const unit = encoding === 'utf-16le' ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!;
    if (unit === 0xfffd) already++;
  }
  const replaced = count(text, REPLACEMENT) - already;
  return { text, warnings: replaced > 0 ? [replacedWarning(replaced, encoding === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE')] : [] };
}

function replacedWarning(places: number, encoding: string): string {
  const n = Math.max(1, places);
  const [are, were] = n === 1 ? ['is', 'was'] : ['are', 'were'];
  return `${n.toLocaleString('en')} ${n === 1 ? 'place' : 'places'} in the text ${are} not valid ${encoding} and ${were} replaced by "${REPLACEMENT}" (the file may be in another encoding; save it as UTF-8 to keep those characters)`;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function count(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}

function countBytes(bytes: Uint8Array, needle: Buffer): number {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let n = 0;
  for (let i = buffer.indexOf(needle); i !== -1; i = buffer.indexOf(needle, i + needle.length)) n++;
  return n;
}
