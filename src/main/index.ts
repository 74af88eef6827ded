// Electron main: one hardened window, the app menu, the single-instance lock, and the IPC binding.
// The memory engine runs in a worker thread (openEngramInWorker), so this thread only answers the window.
import { app, BrowserWindow, nativeTheme, screen, session, shell, type WebContents } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openEngramInWorker } from '../core/engine/engram-worker-client';
import { defaultDataDir } from '../core/db/data-dir';
import { EngramError } from '../core/errors';
import type { EngramApi } from '../core/engine/engram-api';
import type { EventChannel, EventContract } from '../shared/ipc-contract';
import { MemorySocketServer } from '../mcp/memory-socket-server';
import { installAppMenu } from './app-menu';
import { createBackupsAccess } from './backups-access';
import { createDialogs } from './dialogs';
import { EngineHolder } from './engine-holder';
import { openWithMcpRetry } from './open-with-retry';
import { bindIpcHandlers, sendEvent } from './ipc-bind';
import { createIpcHandlers } from './ipc-handlers';
import { CONTENT_SECURITY_POLICY, isAppUrl, isExternalHttpUrl, isRemoteRequest, mainWindowOptions } from './security';
import { runSmokeMode, SMOKE_TEST_SWITCH } from './smoke-mode';
import { loadWindowState, saveWindowState } from './window-state';

const APP_NAME = 'Engram';
const here = path.dirname(fileURLToPath(import.meta.url));
const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const rendererFile = path.join(here, '../renderer/index.html');
const preloadFile = path.join(here, '../preload/index.cjs');

// userData is "Engram" in the per-user app-data folder on every OS: the same place defaultDataDir() computes for the CLI.
app.setName(APP_NAME);
app.setPath('userData', path.join(app.getPath('appData'), APP_NAME));

/** `--data-dir=DIR` or ENGRAM_DATA_DIR override the per-user default, as with the CLI. */
function resolveDataDir(): string {
  const flag = process.argv.find((a) => a.startsWith('--data-dir='));
  if (flag) return path.resolve(flag.slice('--data-dir='.length));
  if (process.env['ENGRAM_DATA_DIR']) return path.resolve(process.env['ENGRAM_DATA_DIR']);
  return defaultDataDir();
}

let mainWindow: BrowserWindow | null = null;
/** The memory engine; replaced (closed and opened again) when a backup is restored. */
let engines: EngineHolder | null = null;
/** The local socket `engram mcp` reaches the memory through while the app holds it. */
let socketServerPromise: Promise<MemorySocketServer | null> | null = null;

/** Sends an event to the main window, if there is one. */
function toWindow<C extends EventChannel>(channel: C, payload: EventContract[C]): void {
  if (mainWindow && !mainWindow.isDestroyed()) sendEvent(mainWindow.webContents, channel, payload);
}

/** The IPC sender check: only the main window's top frame showing the app's own page may call the core. */
function isTrustedSender(sender: WebContents, frameUrl: string | null): boolean {
  return (
    mainWindow !== null &&
    !mainWindow.isDestroyed() &&
    sender.id === mainWindow.webContents.id &&
    frameUrl !== null &&
    isAppUrl(frameUrl, { rendererFile, devServerUrl })
  );
}

/** Hardening that applies to every web contents and the default session (Electron's security checklist). */
function hardenSessions(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // The page ships its CSP in a meta tag; the header covers the dev server and anything served over http.
  ses.webRequest.onHeadersReceived((details, callback) => {
    const headers = { ...details.responseHeaders };
    if (!devServerUrl) headers['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders: headers });
  });
  // Nothing remote is ever fetched by the page: refuse any http(s) request that is not the dev server.
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: isRemoteRequest(details.url, devServerUrl) });
  });

  app.on('web-contents-created', (_event, contents) => {
    const vet = (event: Electron.Event, url: string): void => {
      if (isAppUrl(url, { rendererFile, devServerUrl })) return;
      event.preventDefault();
      if (isExternalHttpUrl(url)) void shell.openExternal(url);
    };
    contents.on('will-navigate', vet);
    contents.on('will-redirect', vet);
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isExternalHttpUrl(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

function createWindow(): BrowserWindow {
  const state = loadWindowState(
    app.getPath('userData'),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const background = nativeTheme.shouldUseDarkColors ? '#1c1c1e' : '#f6f6f4';
  const win = new BrowserWindow(
    mainWindowOptions(preloadFile, { x: state.x, y: state.y, width: state.width, height: state.height }, background),
  );
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  let saveTimer: NodeJS.Timeout | undefined;
  const save = (): void => {
    if (win.isDestroyed()) return;
    const b = win.getNormalBounds();
    saveWindowState(app.getPath('userData'), { ...b, maximized: win.isMaximized() });
  };
  const saveSoon = (): void => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(save, 500);
  };
  win.on('resize', saveSoon);
  win.on('move', saveSoon);
  win.on('close', () => {
    clearTimeout(saveTimer);
    save();
  });
  win.webContents.on('render-process-gone', (_e, details) => console.error('engram: renderer gone', details.reason));

  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadFile(rendererFile);
  return win;
}

function focusMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

async function start(): Promise<void> {
  hardenSessions();
  const dataDir = resolveDataDir();
  /** Wires an engine that opened to the window and to agents (again after a restore). */
  const wire = async (opened: EngramApi): Promise<void> => {
    opened.onProgress((progress) => toWindow('jobs:progress', progress));
    opened.onImportProgress((progress) => toWindow('import:progress', progress));
    opened.onAskEvent((event) => toWindow('ask:event', event));
    opened.onPullProgress((event) => toWindow('ollama:pullProgress', event));
    opened.onSourceEvent((event) => toWindow('sources:event', event));
    const previous = socketServerPromise;
    socketServerPromise = (async () => {
      await (await previous)?.close().catch(() => undefined);
      try {
        // Agents (engram mcp) reach this memory over the socket; their writes show in the window live.
        const server = await MemorySocketServer.start({ dataDir, api: opened });
        server.on('notes-changed', (event) => toWindow('notes:changed', { method: event.method, noteId: event.noteId }));
        server.on('agents-changed', () => toWindow('agents:changed', null));
        return server;
      } catch (error) {
        console.error('engram: could not start the memory socket for agents', error);
        return null;
      }
    })();
    await socketServerPromise;
  };
  // `engram mcp` may hold the memory for an agent host; it lets go after 10 idle seconds, so wait a little for it.
  const open = (): Promise<EngramApi> =>
    openWithMcpRetry(() => openEngramInWorker({ dataDir, autoEmbed: true, autoBackup: true, holder: 'the Engram app', serves: true }), {
      onWait: () => console.warn('engram: the memory is held by engram mcp; waiting for it to release the lock'),
    }).catch((error: unknown) => {
      // The window shows why (every call answers with this error, e.g. DATABASE_DAMAGED with the backup to restore).
      console.error('engram: could not open the memory', error);
      throw error;
    });
  const holder = new EngineHolder(open, wire);
  engines = holder;
  const files = {
    openPath: async (target: string) => {
      const problem = await shell.openPath(target);
      if (problem) throw new EngramError('INVALID_INPUT', `Could not open ${target}: ${problem}`);
    },
    showItemInFolder: (target: string) => shell.showItemInFolder(target),
  };
  const handlers = createIpcHandlers(() => holder.current(), {
    dialogs: createDialogs(() => mainWindow),
    backups: createBackupsAccess(dataDir, holder),
    shell: files,
  });
  bindIpcHandlers(handlers, isTrustedSender);
  installAppMenu((command) => toWindow('app:command', command), { isDev: !app.isPackaged, appName: APP_NAME });
  mainWindow = createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
}

if (process.argv.includes(SMOKE_TEST_SWITCH)) {
  // a packaged build checking itself before it is published: no window, no lock on the person's memory
  void runSmokeMode(app);
} else if (!app.requestSingleInstanceLock()) {
  // Another Engram already holds the memory: it will come to the front (second-instance below).
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  // Quit lets running jobs checkpoint: close the engine (the queue is durable) before the process exits.
  let closing = false;
  let closed = false;
  app.on('before-quit', (event) => {
    if (closed || !engines) return;
    event.preventDefault();
    if (closing) return;
    closing = true;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 10_000));
    const closeEngine = (async () => {
      // Stop serving agents first, so no call starts against a closing engine.
      const server = await (socketServerPromise ?? Promise.resolve(null));
      await server?.close().catch((error: unknown) => console.error('engram: error while closing the memory socket', error));
      await engines!.close();
    })();
    void Promise.race([closeEngine, timeout])
      .catch((error: unknown) => console.error('engram: error while closing the memory', error))
      .finally(() => {
        closed = true;
        app.quit();
      });
  });

  app.whenReady().then(start, (error: unknown) => {
    console.error('engram: failed to start', error);
    app.exit(2);
  });
}
