// The application menu: standard roles (edit, view, window) plus Engram's own commands, sent to the window.
import { Menu, shell, type MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../shared/ipc-contract';

/** Builds and installs the menu; `send` forwards a command to the focused window. */
export function installAppMenu(send: (command: AppCommand) => void, options: { isDev: boolean; appName: string }): void {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ label: options.appName, role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New Note', accelerator: 'CmdOrCtrl+N', click: () => send('new-note') },
        { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => send('show-import') },
        { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: () => send('show-settings') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { label: '&Edit', role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { label: 'Search Memory', accelerator: 'CmdOrCtrl+F', click: () => send('focus-search') },
        { label: 'Recall', accelerator: 'CmdOrCtrl+1', click: () => send('show-recall') },
        { label: 'Forgotten', accelerator: 'CmdOrCtrl+2', click: () => send('show-forgotten') },
        { label: 'Next Search Mode', accelerator: 'CmdOrCtrl+Shift+M', click: () => send('toggle-mode') },
        { type: 'separator' },
        ...(options.isDev ? [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }] : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { label: '&Window', role: 'windowMenu' },
    {
      label: '&Help',
      role: 'help',
      submenu: [{ label: 'About Ollama (better search quality)', click: () => void shell.openExternal('https://ollama.com') }],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
