import { Worker } from 'node:worker_threads';
import type { EmbeddingProgress } from '../../shared/models';
import type { ImportProgress } from '../import/import-models';
import { EngramError, type EngramErrorCode } from '../errors';
import type { EngramApi } from './engram-api';
import type { OpenEngramOptions } from './open-engram';
import { workerScript } from './worker-script';
import { CALL_METHODS, type CallMessage, type RemoteMethod, type SerialisedError, type WorkerMessage } from './worker-protocol';

function reviveError(error: SerialisedError): Error {
  if (error.name === 'EngramError' && error.code) return new EngramError(error.code as EngramErrorCode, error.message);
  const revived = new Error(error.message);
  revived.name = error.name;
  if (error.stack) revived.stack = error.stack;
  return revived;
}


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
  const importListeners = new Set<(progress: ImportProgress) => void>();
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
        case 'import-progress':
          for (const listener of importListeners) listener(message.progress);
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

    const forwarded = Object.fromEntries(CALL_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)]));
    const api = {
      ...(forwarded as Omit<EngramApi, 'onProgress' | 'onImportProgress' | 'close'>),
      onImportProgress: (listener) => {
        importListeners.add(listener);
        return () => importListeners.delete(listener);
      },
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
