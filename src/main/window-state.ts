// Remembers the window's size, position and maximised state between runs (a small JSON file in userData).
import fs from 'node:fs';
import path from 'node:path';

/** The persisted window geometry. */
export interface WindowState {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
  readonly maximized: boolean;
}

/** A display's usable area, as Electron's screen module reports it. */
export interface WorkArea {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Size of a first window. */
export const DEFAULT_WINDOW_STATE: WindowState = { width: 1180, height: 760, maximized: false };

const FILE = 'window-state.json';

/**
 * Reads the saved state; falls back to the default when missing or corrupt, and drops the position when the window
 * would not be visible on any current display (a monitor was unplugged).
 */
export function loadWindowState(dir: string, workAreas: readonly WorkArea[]): WindowState {
  let saved: Partial<WindowState>;
  try {
    saved = JSON.parse(fs.readFileSync(path.join(dir, FILE), 'utf8')) as Partial<WindowState>;
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
  const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  if (!num(saved.width) || !num(saved.height)) return DEFAULT_WINDOW_STATE;
  const width = Math.max(760, Math.round(saved.width));
  const height = Math.max(480, Math.round(saved.height));
  const maximized = saved.maximized === true;
  if (!num(saved.x) || !num(saved.y)) return { width, height, maximized };
  const x = Math.round(saved.x);
  const y = Math.round(saved.y);
  // Visible when at least 100x50 px of the title-bar area overlaps some display.
  const visible = workAreas.some(
    (a) => x + width - 100 >= a.x && x + 100 <= a.x + a.width && y >= a.y - 10 && y + 50 <= a.y + a.height,
  );
  return visible ? { x, y, width, height, maximized } : { width, height, maximized };
}

/** Writes the state; failures are logged, never fatal. */
export function saveWindowState(dir: string, state: WindowState): void {
  try {
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, FILE);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(state));
    fs.renameSync(`${file}.tmp`, file);
  } catch (error) {
    console.warn('engram: could not save the window state', error);
  }
}
