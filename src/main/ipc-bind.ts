// The only module that touches ipcMain: binds the handler table to the invoke channels, checking every sender.
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { INVOKE_CHANNELS, type EventChannel, type EventContract, type IpcResult } from '../shared/ipc-contract';
import type { IpcHandlerTable } from './ipc-handlers';

/** Decides whether a message comes from the app's own window and page. */
export type SenderCheck = (sender: WebContents, frameUrl: string | null) => boolean;

/** Registers one ipcMain handler per invoke channel; returns a function that removes them all. */
export function bindIpcHandlers(handlers: IpcHandlerTable, isTrustedSender: SenderCheck): () => void {
  for (const channel of INVOKE_CHANNELS) {
    const handle = handlers[channel] as (payload: unknown) => Promise<IpcResult<unknown>>;
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown): Promise<IpcResult<unknown>> => {
      // Only the top frame counts (the CSP forbids frames anyway); a sub-frame's message is treated as untrusted.
      const frame = event.senderFrame;
      const frameUrl = frame && frame.parent === null ? frame.url : null;
      if (!isTrustedSender(event.sender, frameUrl)) {
        console.warn(`engram: refused ${channel} from untrusted sender ${frameUrl ?? '(no frame)'}`);
        return { ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'This request did not come from the Engram window.' } };
      }
      return handle(payload);
    });
  }
  return () => {
    for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
  };
}

/** Sends an event to a window's page, if it is still alive. */
export function sendEvent<C extends EventChannel>(target: WebContents, channel: C, payload: EventContract[C]): void {
  if (!target.isDestroyed()) target.send(channel, payload);
}
