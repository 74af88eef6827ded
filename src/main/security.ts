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

/** The file: URL of a local path (POSIX or Windows), built without node:url so this module stays platform-neutral. */
function fileUrlOf(filePath: string): URL {
  const slashed = filePath.replace(/\\/g, '/');
  return new URL(`file://${slashed.startsWith('/') ? '' : '/'}${slashed}`);
}

/**
 * True when a URL belongs to the app itself: the built renderer's index.html (file://, no host), or the dev server's
 * origin. Used both to vet navigations and to check the sender of every IPC message. The whole file: URL is
 * compared (a host such as file://evil.example/... is a network share on Windows, not the app), only the fragment
 * may differ.
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
    if (parsed.origin === dev.origin && parsed.protocol === dev.protocol) return true;
  }
  if (app.rendererFile && parsed.protocol === 'file:') {
    const expected = fileUrlOf(app.rendererFile);
    parsed.hash = '';
    return parsed.href === expected.href;
  }
  return false;
}

/**
 * True for a request the page must never make: anything over http(s) or ws(s) that is not the dev server's own
 * origin (compared as an origin, not as a prefix: http://localhost:5173.evil.example is not the dev server).
 */
export function isRemoteRequest(url: string, devServerUrl: string | undefined): boolean {
  if (!/^(https?|wss?):/i.test(url)) return false;
  if (!devServerUrl) return true;
  try {
    return new URL(url).origin !== new URL(devServerUrl).origin;
  } catch {
    return true;
  }
}
