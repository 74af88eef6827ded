// electron-vite build of the three Electron targets. Main also gets the core's worker-thread entry points, bundled
// beside out/main/index.js (the core resolves its worker scripts relative to its own bundle's directory).
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { build as esbuild } from 'esbuild';
import path from 'node:path';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY, DEV_CONTENT_SECURITY_POLICY } from './src/main/security';

const root = import.meta.dirname;

/** Worker-thread entry points of the core, by output name (written to out/main/<name>.js). */
export const mainWorkerEntries = {
  'engine-worker': 'src/core/engine/engine-worker.ts',
  'builtin-embedder-worker': 'src/core/embedding/builtin/builtin-embedder-worker.ts',
} as const;

/** Bundles the worker entries with esbuild after main is written: one self-contained file each, npm packages external. */
function coreWorkers(): Plugin {
  let sourcemap = false;
  return {
    name: 'engram:core-workers',
    apply: 'build',
    configResolved(config) {
      sourcemap = Boolean(config.build.sourcemap);
    },
    async writeBundle(options) {
      const outdir = options.dir ?? path.join(root, 'out/main');
      await esbuild({
        absWorkingDir: root,
        entryPoints: Object.fromEntries(Object.entries(mainWorkerEntries).map(([k, v]) => [k, path.join(root, v)])),
        outdir,
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node22',
        packages: 'external',
        external: ['electron'],
        sourcemap,
        logLevel: 'warning',
      });
    },
  };
}

/** Puts the Content-Security-Policy meta tag into index.html (a looser one only for the dev server's hot reload). */
function contentSecurityPolicy(): Plugin {
  let serve = false;
  return {
    name: 'engram:csp',
    configResolved(config) {
      serve = config.command === 'serve';
    },
    transformIndexHtml: {
      order: 'pre',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: serve ? DEV_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY },
          injectTo: 'head-prepend',
        },
      ],
    },
  };
}

export default defineConfig({
  main: {
    build: {
      externalizeDeps: true,
      rolldownOptions: {
        input: { index: path.join(root, 'src/main/index.ts') },
        output: { entryFileNames: '[name].js' },
      },
    },
    plugins: [coreWorkers()],
  },
  preload: {
    build: {
      // Sandboxed preloads must be one CommonJS file that only requires 'electron'.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: path.join(root, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: path.join(root, 'src/renderer'),
    build: {
      rolldownOptions: { input: { index: path.join(root, 'src/renderer/index.html') } },
    },
    plugins: [react(), contentSecurityPolicy()],
  },
});
