// Security settings of the window, in one place so a test can assert them (Electron's security checklist).
// No `electron` import: only types, so tests and the build config read these values under plain Node.
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/** The Content-Security-Policy of the renderer: only the app's own files; no remote origins, inline scripts or eval. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "worker-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The looser policy used only by the Vite dev server (hot reload needs inline scripts and a websocket to localhost). */
export const DEV_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'unsafe-inline'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self' ws://localhost:* ws://127.0.0.1:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** webPreferences of the main window: isolated, sandboxed, no Node in the page, nothing remote. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: true,
    devTools: true,
    safeDialogs: true,
  };
}

/** Options of the main window, given its remembered bounds and the preload script's path. */
export function mainWindowOptions(
  preloadPath: string,
  bounds: { x?: number; y?: number; width: number; height: number },
  backgroundColor: string,
): BrowserWindowConstructorOptions {
  return {
    ...bounds,
    minWidth: 760,
    minHeight: 480,
    show: false,
    title: 'Engram',
    backgroundColor,
    autoHideMenuBar: false,
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/** True for URLs the OS browser may open when the user clicks a link: only http(s) with a host. */
export function isExternalHttpUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname.length > 0;
  } catch {
    return false;
  }
}

/**
 * True when a URL belongs to the app itself: the built renderer's index.html (file://), or the dev server's origin.
 * Used both to vet navigations and to check the sender of every IPC message.
 */
export function isAppUrl(url: string, app: { rendererFile?: string; devServerUrl?: string }): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (app.devServerUrl) {
    const dev = new URL(app.devServerUrl);
    if (parsed.origin === dev.origin) return true;
  }
  if (app.rendererFile && parsed.protocol === 'file:') {
    const expected = new URL(`file://${app.rendererFile.startsWith('/') ? '' : '/'}${app.rendererFile.replace(/\\/g, '/')}`);
    return decodeURIComponent(parsed.pathname) === decodeURIComponent(expected.pathname);
  }
  return false;
}
