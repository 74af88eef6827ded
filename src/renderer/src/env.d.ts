// The renderer's view of the preload: window.api, typed from the preload's own object.
import type { EngramWindowApi } from '../../preload/api';

declare global {
  interface Window {
    readonly api: EngramWindowApi;
  }
}

export {};
