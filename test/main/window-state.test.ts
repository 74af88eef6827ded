// The remembered window geometry: round trip, corrupt files, and windows left on an unplugged monitor.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_STATE, loadWindowState, saveWindowState } from '../../src/main/window-state';

const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];
const dirs: string[] = [];
const tmp = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'engram-winstate-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('window state', () => {
  it('round-trips size, position and maximised state', () => {
    const dir = tmp();
    saveWindowState(dir, { x: 100, y: 80, width: 1200, height: 800, maximized: true });
    expect(loadWindowState(dir, screen)).toEqual({ x: 100, y: 80, width: 1200, height: 800, maximized: true });
  });

  it('falls back to the default when the file is missing or corrupt', () => {
    const dir = tmp();
    expect(loadWindowState(dir, screen)).toEqual(DEFAULT_WINDOW_STATE);
    fs.writeFileSync(path.join(dir, 'window-state.json'), '{not json');
    expect(loadWindowState(dir, screen)).toEqual(DEFAULT_WINDOW_STATE);
    fs.writeFileSync(path.join(dir, 'window-state.json'), JSON.stringify({ width: 'big' }));
    expect(loadWindowState(dir, screen)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('drops a position that is off every display, and enforces a minimum size', () => {
    const dir = tmp();
    saveWindowState(dir, { x: 3000, y: 100, width: 200, height: 100, maximized: false });
    expect(loadWindowState(dir, screen)).toEqual({ width: 760, height: 480, maximized: false });
  });
});
