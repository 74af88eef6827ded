import { createHash } from 'node:crypto';

/** SHA-256 (hex) of a string's UTF-8 bytes. */
export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The identity of a note's content: title and body, so the same text under two titles is two notes. */
export function noteContentHash(title: string, body: string): string {
  return sha256(`${title}\u0000${body}`);
}
