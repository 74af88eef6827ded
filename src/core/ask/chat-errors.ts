// Turns whatever the `ollama` client or fetch threw during a chat into a ChatError that says what to do.
import { asOllamaHttpError, connectionErrorCode, describeConnectionFault } from '../embedding/ollama/ollama-errors';
import { ChatError } from './chat-provider';

/** The model Ask suggests pulling when none is installed. */
export const SUGGESTED_CHAT_MODEL = 'llama3.2';

/** The `ollama` client's error when a stream ends without a `done: true` line (a dropped connection). */
const NO_DONE_LINE = /did not receive done/i;

/** Maps a failure before any answer piece (connecting, /api/show, the chat request) to a ChatError. */
export function toChatError(error: unknown, host: string, model: string): ChatError {
  if (error instanceof ChatError) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'AbortError') return new ChatError('aborted', 'stopped');
  const http = asOllamaHttpError(error);
  if (http) {
    const detail = http.message.trim() || `HTTP ${http.status}`;
    if (http.status === 404 && /not found|no such|pull/i.test(detail)) return modelNotInstalled(host, model);
    if (http.status === 400 && /does not support (chat|completion|generate)/i.test(detail)) return notAChatModel(model);
    return new ChatError('ollama-failed', `Ollama at ${host} could not answer with ${model} (HTTP ${http.status}: ${detail}).`, 'ollama ps', null);
  }
  const code = connectionErrorCode(error);
  if (code === 'ECONNREFUSED') {
    return new ChatError('ollama-unreachable', `Ollama is not running at ${host}, so Ask cannot answer. Start it (open the Ollama app, or run \`ollama serve\`); search keeps working.`, 'ollama serve');
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new ChatError('ollama-unreachable', `Cannot resolve the Ollama host ${host}: check the host setting or OLLAMA_HOST.`);
  }
  if (code) return new ChatError('ollama-unreachable', `The connection to Ollama at ${host} failed (${code}). Check that Ollama is running (\`ollama serve\`).`, 'ollama serve');
  const plain = describeConnectionFault(error, host);
  if (plain) return new ChatError('ollama-unreachable', `${plain}, so Ask cannot answer; search keeps working.`);
  const message = error instanceof Error ? error.message : String(error);
  return new ChatError('ollama-failed', `Talking to Ollama at ${host} failed: ${message}`);
}

/** Maps a failure after the answer began streaming: a cut connection or an error line. What streamed stays. */
export function toStreamError(error: unknown, host: string): ChatError {
  if (error instanceof ChatError) return error;
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'AbortError') return new ChatError('aborted', 'stopped');
  const message = error instanceof Error ? error.message : String(error);
  if (NO_DONE_LINE.test(message) || connectionErrorCode(error) || /terminated|other side closed|socket/i.test(message)) {
    return new ChatError('interrupted', `The connection to Ollama at ${host} ended before the answer was complete.`);
  }
  return new ChatError('interrupted', `Ollama stopped with an error before the answer was complete: ${message}`);
}

/** The model is not installed: pull it. */
export function modelNotInstalled(host: string, model: string): ChatError {
  return new ChatError('model-not-installed', `The chat model ${model} is not installed in Ollama at ${host}. Pull it: run \`ollama pull ${model}\`.`, `ollama pull ${model}`, model);
}

/** The model cannot chat (an embedding model). */
export function notAChatModel(model: string): ChatError {
  return new ChatError(
    'not-a-chat-model',
    `${model} is an embedding model; it cannot answer questions. Choose a chat model, or pull one: run \`ollama pull ${SUGGESTED_CHAT_MODEL}\`.`,
    `ollama pull ${SUGGESTED_CHAT_MODEL}`,
    SUGGESTED_CHAT_MODEL,
  );
}

/** No chat model is installed at all. */
export function noChatModel(host: string): ChatError {
  return new ChatError(
    'no-chat-model',
    `Ask needs a chat model, and Ollama at ${host} has none installed. Pull one: run \`ollama pull ${SUGGESTED_CHAT_MODEL}\`.`,
    `ollama pull ${SUGGESTED_CHAT_MODEL}`,
    SUGGESTED_CHAT_MODEL,
  );
}
