import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { Readable } from 'node:stream';

type RequestId = string | number;

function isRequest(message: JSONRPCMessage): message is JSONRPCMessage & { id: RequestId; method: string } {
  return 'method' in message && 'id' in message;
}

function isResponse(message: JSONRPCMessage): message is JSONRPCMessage & { id: RequestId } {
  return 'id' in message && !('method' in message);
}

/**
 * Calls `close` once the host has closed our stdin (how MCP hosts ask a stdio server to stop) and every request
 * it sent before has been answered. Call after the server connected (it wraps the transport's handlers).
 */
export function closeWhenAnswered(transport: Transport, stdin: Readable, close: () => void): void {
  const unanswered = new Set<RequestId>();
  let ended = false;
  const closeIfDone = (): void => {
    if (ended && unanswered.size === 0) close();
  };
  const receive = transport.onmessage;
  transport.onmessage = (message, extra) => {
    if (isRequest(message)) unanswered.add(message.id);
    receive?.(message, extra);
  };
  const send = transport.send.bind(transport);
  transport.send = async (message, options) => {
    try {
      await send(message, options);
    } finally {
      if (isResponse(message) && unanswered.delete(message.id)) closeIfDone();
    }
  };
  stdin.once('end', () => {
    ended = true;
    closeIfDone();
  });
}
