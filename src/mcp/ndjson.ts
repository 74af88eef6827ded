import { StringDecoder } from 'node:string_decoder';
import type { Socket } from 'node:net';

/** Longest message accepted on the memory socket (a 10-million-character note, JSON-escaped, fits). */
export const MAX_MESSAGE_CHARS = 64 * 1024 * 1024;

/**
 * Calls `onMessage` with each newline-delimited JSON value read from the socket. A line that is not JSON, or
 * longer than `maxChars()` (default MAX_MESSAGE_CHARS), ends the connection (`onInvalid` says why).
 */
export function readMessages(
  socket: Socket,
  onMessage: (message: unknown) => void,
  onInvalid: (reason: string) => void,
  maxChars: () => number = () => MAX_MESSAGE_CHARS,
): void {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  socket.on('data', (data: Buffer) => {
    let text = decoder.write(data);
    let newline = text.indexOf('\n');
    while (newline !== -1) {
      const line = pending + text.slice(0, newline);
      pending = '';
      text = text.slice(newline + 1);
      newline = text.indexOf('\n');
      if (line.length > maxChars()) {
        onInvalid('a message was too long');
        return;
      }
      if (line.trim() === '') continue;
      let message: unknown;
      try {
        message = JSON.parse(line);
      } catch {
        onInvalid('a message was not valid JSON');
        return;
      }
      onMessage(message);
    }
    pending += text;
    if (pending.length > maxChars()) onInvalid('a message was too long');
  });
}

/** Writes one message as a line of JSON. */
export function writeMessage(socket: Socket, message: unknown): void {
  if (!socket.destroyed && socket.writable) socket.write(`${JSON.stringify(message)}\n`);
}
