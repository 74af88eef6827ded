import { ImportFileError } from './import-types';

const SNIFF_BYTES = 8000;

/**
 * Decodes a text file's bytes: UTF-8 (BOM stripped), or UTF-16 when it starts with a UTF-16 byte-order mark.
 * Binary content (a NUL byte near the start) and invalid UTF-8 are refused with a reason.
 */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) throw new ImportFileError('binary file (it contains NUL bytes), not text');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportFileError('not valid UTF-8 text; save it as UTF-8 and import it again');
  }
}
