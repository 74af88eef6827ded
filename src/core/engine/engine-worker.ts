// Worker thread that owns the database: PGlite is single-threaded WebAssembly, so long statements (an HNSW build,
// a large import) run here and never block the thread that answers the window or the terminal.
import { parentPort, workerData } from 'node:worker_threads';
import { openEngram, type OpenEngramOptions } from './open-engram';
import { serialiseError, type CallMessage, type WorkerMessage } from './worker-protocol';

if (!parentPort) throw new Error('engine-worker must run as a worker thread');
const port = parentPort;
const post = (message: WorkerMessage): void => port.postMessage(message);

try {
  const engram = await openEngram(workerData as OpenEngramOptions);
  engram.onProgress((progress) => post({ type: 'progress', progress }));
  engram.onImportProgress((progress) => post({ type: 'import-progress', progress }));
  engram.onSourceEvent((event) => post({ type: 'source-event', event }));
  engram.onAskEvent((event) => post({ type: 'ask-event', event }));
  engram.onPullProgress((event) => post({ type: 'pull-progress', event }));
  port.on('message', async (message: CallMessage) => {
    try {
      const method = engram[message.method] as (...args: unknown[]) => Promise<unknown>;
      const value = await method.apply(engram, message.args);
      post({ type: 'result', id: message.id, value });
      if (message.method === 'close') port.close();
    } catch (error) {
      post({ type: 'error', id: message.id, error: serialiseError(error) });
    }
  });
  post({ type: 'ready' });
} catch (error) {
  post({ type: 'open-failed', error: serialiseError(error) });
}
