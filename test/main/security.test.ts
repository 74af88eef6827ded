// Asserts the window's security settings (Electron's security checklist), the CSP, and the URL checks.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  isAppUrl,
  isExternalHttpUrl,
  isRemoteRequest,
  mainWindowOptions,
  secureWebPreferences,
} from '../../src/main/security';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string): string => fs.readFileSync(path.join(root, file), 'utf8');

describe('BrowserWindow security settings', () => {
  const options = mainWindowOptions('/app/out/preload/index.cjs', { width: 1000, height: 700 }, '#fff');
  const prefs = options.webPreferences!;

  it('isolates, sandboxes and keeps Node out of the page', () => {
    expect(prefs).toMatchObject({
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
    });
    expect(prefs.preload).toBe('/app/out/preload/index.cjs');
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(secureWebPreferences('x')).toEqual({ ...prefs, preload: 'x' });
  });

  it('creates the window hidden until ready (no white flash) with the remembered bounds', () => {
    expect(options).toMatchObject({ show: false, width: 1000, height: 700, backgroundColor: '#fff' });
  });
});

describe('Content-Security-Policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );

  it('allows only the app itself, no remote origins, no inline script or eval', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|wss?:|\*|unsafe-inline|unsafe-eval/);
  });

  it('is put into index.html by the build and sent as a header by main', () => {
    expect(read('electron.vite.config.ts')).toContain('CONTENT_SECURITY_POLICY');
    expect(read('src/main/index.ts')).toMatch(/Content-Security-Policy'\] = \[CONTENT_SECURITY_POLICY\]/);
    // The built page carries it as well: asserted on the real page in test/e2e/app.test.ts.
  });
});

describe('main process wiring (checked in the source: Electron cannot launch here)', () => {
  const main = read('src/main/index.ts');
  it('denies permissions, navigation, new windows and webviews, and opens external links in the OS browser', () => {
    expect(main).toContain('setPermissionRequestHandler((_wc, _permission, callback) => callback(false))');
    expect(main).toContain('setPermissionCheckHandler(() => false)');
    expect(main).toMatch(/on\('will-navigate', vet\)/);
    expect(main).toMatch(/on\('will-redirect', vet\)/);
    expect(main).toMatch(/will-attach-webview/);
    expect(main).toMatch(/setWindowOpenHandler\([\s\S]*?action: 'deny'/);
    expect(main).toMatch(/isExternalHttpUrl\(url\)\) void shell\.openExternal\(url\)/);
  });
  it('holds the single-instance lock and checks the sender of every IPC message', () => {
    expect(main).toContain('requestSingleInstanceLock()');
    // every handler of the table, built once over the current engine, is bound behind the sender check
    expect(main).toMatch(/const handlers = createIpcHandlers\(\(\) => holder\.current\(\), \{/);
    expect(main).toContain('bindIpcHandlers(handlers, isTrustedSender)');
    expect(read('src/main/ipc-bind.ts')).toMatch(/if \(!isTrustedSender\(event\.sender, frameUrl\)\)/);
  });
  it('runs the memory engine in a worker thread', () => {
    expect(main).toContain('openEngramInWorker(');
    expect(main).not.toMatch(/from '\.\.\/core\/engine\/open-engram'/);
  });
  it('keeps ipcMain and ipcRenderer inside their two wrapper files', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
        const rel = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(rel);
        else if (/\.tsx?$/.test(entry.name) && /import\s*\{[^}]*\bipc(Main|Renderer)\b[^}]*\}\s*from\s*'electron'/.test(read(rel)) && !['src/main/ipc-bind.ts', 'src/preload/index.ts'].includes(rel)) offenders.push(rel);
      }
    };
    walk('src');
    expect(offenders).toEqual([]);
    expect(read('src/main/ipc-bind.ts')).toMatch(/import \{ ipcMain/);
    expect(read('src/preload/index.ts')).toMatch(/import \{ contextBridge, ipcRenderer/);
  });
});

describe('URL checks', () => {
  it('opens only http(s) links externally', () => {
    expect(isExternalHttpUrl('https://ollama.com')).toBe(true);
    expect(isExternalHttpUrl('http://example.org/a?b')).toBe(true);
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'data:text/html,x', 'mailto:a@b.c', 'smb://host/share', 'not a url', 'https://']) {
      expect(isExternalHttpUrl(url), url).toBe(false);
    }
  });

  it('recognises the app page: the built index.html, or the dev server origin', () => {
    const app = { rendererFile: '/opt/Engram/resources/app.asar/out/renderer/index.html' };
    expect(isAppUrl('file:///opt/Engram/resources/app.asar/out/renderer/index.html', app)).toBe(true);
    expect(isAppUrl('file:///opt/Engram/resources/app.asar/out/renderer/index.html#x', app)).toBe(true);
    expect(isAppUrl('file:///etc/passwd', app)).toBe(false);
    expect(isAppUrl('https://evil.example/out/renderer/index.html', app)).toBe(false);
    const dev = { devServerUrl: 'http://localhost:5173/' };
    expect(isAppUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isAppUrl('file:///x/index.html', {})).toBe(false);
    expect(isAppUrl('garbage', app)).toBe(false);
  });

  it('handles Windows renderer paths', () => {
    const app = { rendererFile: 'C:\\Program Files\\Engram\\resources\\app.asar\\out\\renderer\\index.html' };
    expect(isAppUrl('file:///C:/Program%20Files/Engram/resources/app.asar/out/renderer/index.html', app)).toBe(true);
    // a UNC path (\\evil.example\share) is a file: URL with a host: a network share, never the app
    expect(isAppUrl('file://evil.example/C:/Program%20Files/Engram/resources/app.asar/out/renderer/index.html', app)).toBe(false);
  });

  it('compares the whole file: URL: a host, credentials or a query make it another page', () => {
    const rendererFile = '/opt/Engram/resources/app.asar/out/renderer/index.html';
    const app = { rendererFile };
    for (const url of [
      `file://evil.example${rendererFile}`,
      `file://localhost.evil.example${rendererFile}`,
      `file://user:pw@evil.example${rendererFile}`,
      `file://${rendererFile}?x=1`,
      `file:///opt/Engram/resources/app.asar/out/renderer/index.html/../../../../../../etc/passwd`,
      `file:///opt/Engram/resources/app.asar/out/renderer/%2e%2e/index.html`,
      'file:///opt/Engram/resources/app.asar/out/renderer/index.html%00.evil',
      'file:///opt/Engram/resources/app.asar/out/renderer/index%2',
    ]) {
      expect(isAppUrl(url, app), url).toBe(false);
    }
    expect(isAppUrl(`file://${rendererFile}`, app)).toBe(true);
    expect(isAppUrl(`file://${rendererFile}#/settings`, app)).toBe(true);
  });

  it('blocks every remote request but the dev server, by origin rather than by prefix', () => {
    const dev = 'http://localhost:5173';
    expect(isRemoteRequest('http://localhost:5173/src/main.tsx', dev)).toBe(false);
    expect(isRemoteRequest('ws://localhost:5173/', dev)).toBe(true);
    expect(isRemoteRequest('http://localhost:5173.evil.example/x.js', dev)).toBe(true);
    expect(isRemoteRequest('http://localhost:51730/x.js', dev)).toBe(true);
    expect(isRemoteRequest('https://evil.example/', dev)).toBe(true);
    expect(isRemoteRequest('https://evil.example/', undefined)).toBe(true);
    expect(isRemoteRequest('http://localhost:5173/', undefined)).toBe(true);
    expect(isRemoteRequest('file:///opt/Engram/out/renderer/index.html', undefined)).toBe(false);
    expect(isRemoteRequest('data:image/png;base64,AAAA', undefined)).toBe(false);
  });
});
