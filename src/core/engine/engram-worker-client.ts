import { Worker } from 'node:worker_threads';
import type { EmbeddingProgress } from '../../shared/models';
import type { ImportProgress } from '../import/import-models';
import { preloadFolderWatcher } from '../sources/folder-watcher';
import type { SourceEvent } from '../sources/source-models';
import type { AskEvent, ModelPullEvent } from '../../shared/ask-models';
import { EngramError } from '../errors';
import type { EngramApi } from './engram-api';
import type { OpenEngramOptions } from './open-engram';
import { workerScript } from './worker-script';
import { PendingCalls, reviveError } from './pending-calls';
import { CALL_METHODS, type CallMessage, type RemoteMethod, type WorkerMessage } from './worker-protocol';


/** Options of the worker-hosted engine: those of openEngram that survive structured cloning. */
export type WorkerEngramOptions = OpenEngramOptions;

/**
 * Opens the memory in a worker thread and returns an EngramApi whose calls are messages to it, so the calling
 * thread (Electron main, a responsive CLI) never runs a query itself. Errors keep their EngramError codes.
 */
export async function openEngramInWorker(options: WorkerEngramOptions): Promise<EngramApi> {
  await preloadFolderWatcher(); // the native watcher must be loaded in this thread before any worker loads it
  const worker = new Worker(workerScript('engine-worker'), { workerData: options });
  const pending = new PendingCalls();
  const listeners = new Set<(progress: EmbeddingProgress) => void>();
  const importListeners = new Set<(progress: ImportProgress) => void>();
  const sourceListeners = new Set<(event: SourceEvent) => void>();
  const askListeners = new Set<(event: AskEvent) => void>();
  const pullListeners = new Set<(event: ModelPullEvent) => void>();
  let exited: Error | null = null;

  const call = (method: RemoteMethod, args: unknown[]): Promise<unknown> => {
    if (exited) return Promise.reject(exited);
    return pending.start((id) => worker.postMessage({ type: 'call', id, method, args } satisfies CallMessage));
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
        case 'source-event':
          for (const listener of sourceListeners) listener(message.event);
          break;
        case 'ask-event':
          for (const listener of askListeners) listener(message.event);
          break;
        case 'pull-progress':
          for (const listener of pullListeners) listener(message.event);
          break;
        case 'result':
        case 'error':
          pending.settle(message);
      }
    });
    const onExit = (reason: string): void => {
      exited = new EngramError('CLOSED', `The memory engine stopped (${reason}).`);
      pending.failAll(exited);
      rejectOpen(exited);
    };
    worker.on('error', (error) => onExit(error.message));
    worker.on('exit', (code) => onExit(`exit code ${code}`));

    const forwarded = Object.fromEntries(CALL_METHODS.map((method) => [method, (...args: unknown[]) => call(method, args)]));
    const api = {
      ...(forwarded as Omit<EngramApi, 'onProgress' | 'onImportProgress' | 'onSourceEvent' | 'onAskEvent' | 'onPullProgress' | 'close'>),
      onAskEvent: (listener) => {
        askListeners.add(listener);
        return () => askListeners.delete(listener);
      },
      onPullProgress: (listener) => {
        pullListeners.add(listener);
        return () => pullListeners.delete(listener);
      },
      onImportProgress: (listener) => {
        importListeners.add(listener);
        return () => importListeners.delete(listener);
      },
      onProgress: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
      onSourceEvent: (listener) => {
        sourceListeners.add(listener);
        return () => sourceListeners.delete(listener);
      },
      close: async () => {
        if (exited) return;
        await call('close', []);
        await worker.terminate();
      },
    } satisfies EngramApi;
  });
}
