import os from 'node:os';
import path from 'node:path';

/** The application name Electron derives userData from (package.json productName). */
export const APP_NAME = 'Engram';

/**
 * The per-user data folder Electron's `app.getPath('userData')` gives for "Engram" on this OS, computed without
 * Electron so the CLI and the app agree: %APPDATA%\Engram, ~/Library/Application Support/Engram, or
 * $XDG_CONFIG_HOME/Engram (~/.config/Engram). ENGRAM_DATA_DIR overrides it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.ENGRAM_DATA_DIR) return path.resolve(env.ENGRAM_DATA_DIR);
  const home = os.homedir();
  switch (platform) {
    case 'win32':
      return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), APP_NAME);
    case 'darwin':
      return path.posix.join(home, 'Library', 'Application Support', APP_NAME);
    default:
      return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), APP_NAME);
  }
}

/** Where PGlite keeps its files inside a data directory. */
export function databaseDir(dataDir: string): string {
  return path.join(dataDir, 'memory');
}
