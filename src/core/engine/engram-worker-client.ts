import { Worker } from 'node:worker_threads';
import type { EmbeddingProgress } from '../../shared/models';
import { EngramError, type EngramErrorCode } from '../errors';
import type { EngramApi } from './engram-api';
import type { OpenEngramOptions } from './open-engram';
import { workerScript } from './worker-script';
import type { CallMessage, RemoteMethod, SerialisedError, WorkerMessage } from './worker-protocol';

function reviveError(error: SerialisedError): Error {
  if (error.name === 'EngramError' && error.code) return new EngramError(error.code as EngramErrorCode, error.message);
  const revived = new Error(error.message);
  revived.name = error.name;
  if (error.stack) revived.stack = error.stack;
  return revived;
}

/** Every EngramApi method that is a plain request/response call (the record makes the compiler list them all). */
const REMOTE_METHOD_SET: Record<Exclude<RemoteMethod, 'close'>, true> = {
  addNote: true,
  updateNote: true,
  getNote: true,
  listNotes: true,
  forgetNote: true,
  restoreNote: true,
  purgeNote: true,
  recall: true,
  status: true,
  drainQueue: true,
  getSettings: true,
  updateSettings: true,
  chooseEmbedding: true,
  ollamaDoctor: true,
  retryFailedEmbeddings: true,
  planReembed: true,
  startReembed: true,
  pauseReembed: true,
  resumeReembed: true,
  cancelReembed: true,
  undoReembed: true,
  reembedStatus: true,
  listSpaces: true,
  purgeRetiredSpaces: true,
  listTags: true,
  listAgents: true,
  setAgentAccess: true,
  setDefaultAgentAccess: true,
  agentAccess: true,
};
const REMOTE_METHODS = Object.keys(REMOTE_METHOD_SET) as Exclude<RemoteMethod, 'close'>[];

/** Options of the worker-hosted engine: those of openEngram that survive structured cloning. */
export type WorkerEngramOptions = OpenEngramOptions;

/**
 * Opens the memory in a worker thread and returns an EngramApi whose calls are messages to it, so the calling
 * thread (Electron main, a responsive CLI) never runs a query itself. Errors keep their EngramError codes.
 */
export function openEngramInWorker(options: WorkerEngramOptions): Promise<EngramApi> {
  const worker = new Worker(workerScript('engine-worker'), { workerData: options });
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  const listeners = new Set<(progress: EmbeddingProgress) => void>();
  let nextId = 1;
  let exited: Error | null = null;

  const call = (method: RemoteMethod, args: unknown[]): Promise<unknown> => {
    if (exited) return Promise.reject(exited);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      worker.postMessage({ type: 'call', id, method, args } satisfies CallMessage);
    });
  };

  return new Promise((resolveOpen, rejectOpen) => {
    worker.on('message', (message: WorkerMessage) => {
      switch (message.type) {
        case 'ready':
          resolveOpen(api);
          break;
        case 'open-failed':
          rejectOpen(reviveError(message.error));
          void worker.terminate();
          break;
        case 'progress':
          for (const listener of listeners) listener(message.progress);
          break;
        case 'result':
        case 'error': {
          const waiter = waiting.get(message.id);
          waiting.delete(message.id);
          if (message.type === 'result') waiter?.resolve(message.value);
          else waiter?.reject(reviveError(message.error));
        }
      }
    });
    const onExit = (reason: string): void => {
      exited = new EngramError('CLOSED', `The memory engine stopped (${reason}).`);
      for (const waiter of waiting.values()) waiter.reject(exited);
      waiting.clear();
      rejectOpen(exited);
    };
    worker.on('error', (error) => onExit(error.message));
    worker.on('exit', (code) => onExit(`exit code ${code}`));

    const forwarded = Object.fromEntries(REMOTE_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)]));
    const api = {
      ...(forwarded as Omit<EngramApi, 'onProgress' | 'close'>),
      onProgress: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      close: async () => {
        if (exited) return;
        await call('close', []);
        await worker.terminate();
      },
    } satisfies EngramApi;
  });
}
