// Live watching of one folder with @parcel/watcher (native, N-API): one recursive subscription per connected folder,
// in the engine's thread. Hidden files and folders (.git, .obsidian, .trash, editors' and sync tools' temporary
// files) are not watched at all.
import type * as ParcelWatcher from '@parcel/watcher';
import type { AsyncSubscription, Event } from '@parcel/watcher';

/** The watcher module's functions. */
type WatcherModule = typeof ParcelWatcher;

/** The watcher module, loaded once per thread (or the reason it cannot be loaded on this system). */
let loading: Promise<WatcherModule> | null = null;

/** Loads the native watcher; rejects with the reason when this platform has no build of it. */
export function loadFolderWatcher(): Promise<WatcherModule> {
  loading ??= import('@parcel/watcher').then((module) => (module as { default?: WatcherModule }).default ?? module);
  return loading;
}

/**
 * Loads the native watcher in the calling thread, before it starts an engine worker. @parcel/watcher's addon registers
 * itself once per process: loaded first in a worker that later exits, it cannot load in the next worker ("Module did
 * not self-register"); loaded in the main thread first, every worker can load it. Failure is left for the worker to
 * report (the folder's state says live watching is not available).
 */
export async function preloadFolderWatcher(): Promise<void> {
  await loadFolderWatcher().catch(() => undefined);
}

/** Names the watcher never reports: hidden files and folders, anywhere. */
const IGNORE = ['**/.*', '**/.*/**'];

/** A live subscription; close it when done. */
export interface FolderWatch {
  close(): Promise<void>;
}

/**
 * Watches a folder recursively. `onPaths` gets the absolute paths that were created, changed or deleted (several per
 * call); `onError` gets a watcher failure (the folder went away, the system's watch limit was reached).
 */
export async function watchFolder(root: string, onPaths: (paths: string[]) => void, onError: (error: Error) => void): Promise<FolderWatch> {
  const watcher = await loadFolderWatcher();
  const subscription: AsyncSubscription = await watcher.subscribe(
    root,
    (error: Error | null, events: Event[]) => {
      if (error) onError(error);
      else if (events.length) onPaths(events.map((e) => e.path));
    },
    { ignore: IGNORE },
  );
  let closed = false;
  return {
    close: async () => {
      if (closed) return;
      closed = true;
      // unsubscribing a folder that was deleted fails inside the watcher ("Unable to remove watcher"); it is gone anyway
      await subscription.unsubscribe().catch(() => undefined);
    },
  };
}

/** A sentence for a watcher failure: what happened and what to do. */
export function watchProblem(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/ENOSPC|no space left|inotify/i.test(message)) {
    return 'the system limit on watched folders was reached; raise it (Linux: sysctl fs.inotify.max_user_watches=524288) and reopen Engram';
  }
  if (/did not self-register|No prebuild|Cannot find module/i.test(message)) return `live watching is not available on this system (${message}); run \`engram sources sync\` to pick up changes`;
  return message;
}
