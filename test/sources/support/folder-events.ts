// Waiting on the engine's own connected-folder events (never on a timer), and small helpers to lay out a folder.
import fs from 'node:fs';
import path from 'node:path';
import type { EngramApi } from '../../../src/core/engine/engram-api';
import type { SourceEvent, SourceState } from '../../../src/core/sources/source-models';

/** A 'settled' event: one change from a folder reached the memory. */
export type SettledEvent = Extract<SourceEvent, { type: 'settled' }>;

/**
 * Resolves with the first 'settled' event that matches (any, by default). Subscribe BEFORE touching the files: call
 * this, then change them, then await the promise.
 */
export function nextSettled(api: Pick<EngramApi, 'onSourceEvent'>, matches: (event: SettledEvent) => boolean = () => true): Promise<SettledEvent> {
  return new Promise((resolve) => {
    const stop = api.onSourceEvent((event) => {
      if (event.type === 'settled' && matches(event)) {
        stop();
        resolve(event);
      }
    });
  });
}

/** Resolves once a folder announces this state. */
export function nextState(api: Pick<EngramApi, 'onSourceEvent'>, state: SourceState): Promise<Extract<SourceEvent, { type: 'state' }>> {
  return new Promise((resolve) => {
    const stop = api.onSourceEvent((event) => {
      if (event.type === 'state' && event.source.state === state) {
        stop();
        resolve(event);
      }
    });
  });
}

/**
 * Resolves once `done()` holds, checking it after every settled change (for a burst of files that arrives in
 * several changes). `done` is async: it may ask the engine.
 */
export function settledUntil(api: Pick<EngramApi, 'onSourceEvent'>, done: () => Promise<boolean>): Promise<void> {
  return new Promise((resolve, reject) => {
    let checking = Promise.resolve();
    const stop = api.onSourceEvent((event) => {
      if (event.type !== 'settled') return;
      checking = checking.then(async () => {
        if (await done()) {
          stop();
          resolve();
        }
      }, reject);
    });
  });
}

/** Writes files (relative path → text) under a folder, creating sub-folders. */
export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
}
