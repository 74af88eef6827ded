// The preload: the only module that touches ipcRenderer. Exposes window.api (see api.ts) through the context bridge.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createApi } from './api';

const api = createApi({
  invoke: (channel, payload) => ipcRenderer.invoke(channel, payload),
  on: (channel, listener) => {
    // Pass data only: the renderer never sees the IpcRendererEvent (it would expose ipcRenderer.sender).
    const wrapped = (_event: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(channel, wrapped);
    return () => {
      ipcRenderer.removeListener(channel, wrapped);
    };
  },
});

contextBridge.exposeInMainWorld('api', api);

/** The type of window.api, derived from the exposed object. */
export type Api = typeof api;
