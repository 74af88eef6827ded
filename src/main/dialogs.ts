// Native dialogs for the IPC table: choose an import source or an export folder, save an import report. Only main may show them.
import { dialog, type BrowserWindow } from 'electron';
import fs from 'node:fs/promises';
import type { IpcDialogs } from './ipc-handlers';

const IMPORT_FILTERS = [
  { name: 'Notes and exports', extensions: ['md', 'markdown', 'txt', 'html', 'htm', 'pdf', 'json', 'jsonl', 'ndjson', 'enex'] },
  { name: 'All files', extensions: ['*'] },
];

/** Dialogs attached to the main window (whichever window is current when asked). */
export function createDialogs(window: () => BrowserWindow | null): IpcDialogs {
  return {
    async pickSource(kind) {
      const win = window();
      const options: Electron.OpenDialogOptions = {
        title: kind === 'folder' ? 'Choose a folder or vault to import' : 'Choose a file to import',
        properties: kind === 'folder' ? ['openDirectory'] : ['openFile'],
        ...(kind === 'file' ? { filters: IMPORT_FILTERS } : {}),
      };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async pickExportFolder() {
      const win = window();
      const options: Electron.OpenDialogOptions = {
        title: 'Choose an empty folder for your notes',
        buttonLabel: 'Export here',
        properties: ['openDirectory', 'createDirectory'],
      };
      const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async saveText(text, suggestedName) {
      const win = window();
      const options: Electron.SaveDialogOptions = {
        title: 'Save import report',
        defaultPath: suggestedName,
        filters: [{ name: 'JSON', extensions: ['json'] }],
      };
      const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return null;
      await fs.writeFile(result.filePath, text, 'utf8');
      return result.filePath;
    },
  };
}
