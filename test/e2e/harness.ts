// The browser harness: the renderer built by electron-vite, served over local HTTP, loaded in Debian Chromium via
// playwright-core, with window.api bridged to the real core (main's validated IPC handler table) on a temp data dir.
// Only the Electron transport is replaced.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { EngramApi } from '../../src/core/engine/engram-api';
import { openEngramInWorker } from '../../src/core/engine/engram-worker-client';
import { createIpcHandlers, type IpcHandlerTable } from '../../src/main/ipc-handlers';
import { CONTENT_SECURITY_POLICY } from '../../src/main/security';
import type { EventChannel, EventContract, InvokeChannel } from '../../src/shared/ipc-contract';
import { openTempEngram, tempDir, testSeed } from '../support/temp-engram';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Where screenshots go (kept as test artifacts). */
export const ARTIFACTS = path.join(root, 'test-artifacts');

/** Chromium flags for a quiet, offline, headless run. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The Chromium binary: $CHROMIUM_PATH or Debian's /usr/bin/chromium; a clear error when it is missing. */
export function chromiumPath(): string {
  const candidate = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
  if (!fs.existsSync(candidate)) {
    throw new Error(
      `The end-to-end tests need Chromium at ${candidate}, which does not exist. ` +
        'Install it with `apt-get update && apt-get install -y chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium binary.',
    );
  }
  return candidate;
}

/**
 * Builds the app with electron-vite into a fresh directory (so a concurrent `npm run build` is not disturbed). It sits
 * under node_modules/.cache so the bundled workers resolve their npm packages from the project's node_modules.
 */
export function buildApp(): string {
  const cacheDir = path.join(root, 'node_modules/.cache/engram-e2e');
  fs.mkdirSync(cacheDir, { recursive: true });
  const outDir = fs.mkdtempSync(path.join(cacheDir, 'build-'));
  const cli = path.join(root, 'node_modules/electron-vite/bin/electron-vite.js');
  const result = spawnSync(process.execPath, [cli, 'build', '--outDir', outDir, '--logLevel', 'error'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`electron-vite build failed:\n${result.stdout}\n${result.stderr}`);
  return outDir;
}

/** The bridge script (window.api over Playwright), bundled from test/e2e/bridge-entry.ts. */
async function bridgeScript(): Promise<string> {
  const out = await build({
    entryPoints: [path.join(root, 'test/e2e/bridge-entry.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    logLevel: 'error',
  });
  return out.outputFiles[0]?.text ?? '';
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

/** Serves a directory on 127.0.0.1 with the app's CSP header; resolves with the base URL and a close function. */
function serve(dir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.normalize(path.join(dir, pathname === '/' ? 'index.html' : pathname));
    if (!file.startsWith(dir) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Cache-Control': 'no-store',
    });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

/** A running harness. */
export interface Harness {
  readonly engram: EngramApi;
  /** The temporary data directory the core opened. */
  readonly dataDir: string;
  readonly handlers: IpcHandlerTable;
  readonly browser: Browser;
  readonly url: string;
  /** CSP violations and page errors seen so far (should stay empty). */
  readonly problems: string[];
  /** Opens a fresh page (own context: fresh localStorage) on the app. */
  newPage(options?: { colorScheme?: 'light' | 'dark'; width?: number; height?: number }): Promise<Page>;
  /** Sends an event to every open page, as main's webContents.send would. */
  emit<C extends EventChannel>(channel: C, payload: EventContract[C]): void;
  /** Waits until every queued chunk is embedded. */
  waitForEmbeddings(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Opens the real core on a fresh temp data dir: in a worker thread as the app does (default), or in this thread. */
async function openCore(
  where: 'worker' | 'in-process',
  autoEmbed: boolean,
  appMainDir: string,
  queryVectorCacheSize?: number,
): Promise<{ engram: EngramApi; dataDir: string; cleanup: () => Promise<void> }> {
  if (where === 'in-process') return openTempEngram({ autoEmbed });
  const { dir, cleanup } = tempDir('engram-e2e-');
  // Run the worker scripts electron-vite emitted beside out/main/index.js: exactly what the app ships.
  const previous = process.env['ENGRAM_WORKER_DIR'];
  process.env['ENGRAM_WORKER_DIR'] = appMainDir;
  let engram: EngramApi;
  try {
    engram = await openEngramInWorker({ dataDir: dir, seed: testSeed(), autoEmbed, holder: 'engram e2e harness', ...(queryVectorCacheSize === undefined ? {} : { queryVectorCacheSize }) });
  } finally {
    if (previous === undefined) delete process.env['ENGRAM_WORKER_DIR'];
    else process.env['ENGRAM_WORKER_DIR'] = previous;
  }
  return {
    engram,
    dataDir: dir,
    cleanup: async () => {
      await engram.close();
      cleanup();
    },
  };
}

/**
 * What the harness opens: the engine in a worker (as the app) or in this thread, embedding in the background or not,
 * and (for benchmarks that type the same queries more than once) how many recent query vectors recall keeps.
 */
export interface HarnessOptions {
  readonly autoEmbed?: boolean;
  readonly engine?: 'worker' | 'in-process';
  readonly queryVectorCacheSize?: number;
}

/** Starts the harness: build, serve, open the core on a temp data dir, launch Chromium. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const executablePath = chromiumPath();
  const outDir = buildApp();
  const script = await bridgeScript();
  const { engram, dataDir, cleanup } = await openCore(options.engine ?? 'worker', options.autoEmbed ?? true, path.join(outDir, 'main'), options.queryVectorCacheSize);
  const handlers = createIpcHandlers(engram, { log: () => undefined });
  const server = await serve(path.join(outDir, 'renderer'));
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
  const contexts = new Set<BrowserContext>();
  const pages = new Set<Page>();
  const problems: string[] = [];

  const emit = <C extends EventChannel>(channel: C, payload: EventContract[C]): void => {
    for (const page of pages) {
      if (page.isClosed()) continue;
      page.evaluate(([c, p]) => (window as unknown as { __engramEmit?: (c: string, p: unknown) => void }).__engramEmit?.(c, p), [channel, payload] as const).catch(() => undefined);
    }
  };
  const unsubscribeProgress = engram.onProgress((progress) => emit('jobs:progress', progress));
  const unsubscribeImport = engram.onImportProgress((progress) => emit('import:progress', progress));
  const unsubscribeSources = engram.onSourceEvent((event) => emit('sources:event', event));
  const unsubscribeAsk = engram.onAskEvent((event) => emit('ask:event', event));
  const unsubscribePull = engram.onPullProgress((event) => emit('ollama:pullProgress', event));
  const unsubscribe = (): void => {
    unsubscribeProgress();
    unsubscribeImport();
    unsubscribeSources();
    unsubscribeAsk();
    unsubscribePull();
  };

  return {
    engram,
    dataDir,
    handlers,
    browser,
    url: server.url,
    problems,
    emit,
    async newPage({ colorScheme = 'light', width = 1280, height = 800 } = {}) {
      const context = await browser.newContext({ viewport: { width, height }, colorScheme, reducedMotion: 'reduce', deviceScaleFactor: 1 });
      contexts.add(context);
      await context.exposeBinding('__engramInvoke', async (_source, channel: InvokeChannel, payload: unknown) => {
        const handler = (handlers as Record<string, ((p: unknown) => Promise<unknown>) | undefined>)[channel];
        if (!handler) return { ok: false, error: { code: 'INVALID_REQUEST', message: `Unknown channel ${String(channel)}` } };
        return handler(payload);
      });
      await context.addInitScript({ content: script });
      const page = await context.newPage();
      pages.add(page);
      page.on('console', (msg) => {
        if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text())) problems.push(msg.text());
      });
      page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
      await page.goto(server.url);
      await page.waitForSelector('.app');
      return page;
    },
    async waitForEmbeddings(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const status = await engram.status();
        if (status.embeddings.pending === 0) return;
        if (Date.now() > deadline) throw new Error(`embeddings still pending after ${timeoutMs} ms: ${status.embeddings.pending}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async close() {
      unsubscribe();
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await server.close();
      await cleanup();
      fs.rmSync(outDir, { recursive: true, force: true });
    },
  };
}

/** Saves a screenshot of the page to test-artifacts/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
