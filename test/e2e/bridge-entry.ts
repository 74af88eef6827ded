// Bundled into the page by the harness: builds window.api from the preload's own createApi, with the Electron
// transport replaced by a Playwright binding (invoke) and a page function the harness calls to emit events.
import { createApi } from '../../src/preload/api';
import type { EventChannel, InvokeChannel } from '../../src/shared/ipc-contract';

type Listener = (payload: unknown) => void;

interface BridgeWindow {
  __engramInvoke(channel: InvokeChannel, payload: unknown): Promise<unknown>;
  __engramEmit(channel: EventChannel, payload: unknown): void;
  api: unknown;
}

const w = window as unknown as BridgeWindow;
const listeners = new Map<EventChannel, Set<Listener>>();

w.api = Object.freeze(
  createApi({
    invoke: (channel, payload) => w.__engramInvoke(channel, payload),
    on: (channel, listener) => {
      const set = listeners.get(channel) ?? new Set<Listener>();
      listeners.set(channel, set);
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  }),
);
w.__engramEmit = (channel, payload) => {
  for (const listener of listeners.get(channel) ?? []) listener(payload);
};
