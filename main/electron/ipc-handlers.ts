/**
 * ipcMain side of the contract: one handler per channel, each refusing any
 * sender but our popover's top frame (Electron security checklist item 17),
 * then the app's one request path (ipc-dispatch.ts, main/app/request-dispatch.ts). Pushes state and
 * focus-host events to the popover.
 */
import type { IpcMainInvokeEvent } from 'electron';
import type { AppController } from '../app/app-controller.ts';
import type { Logger, Unsubscribe } from '../app/ports.ts';
import { INVOKE_CHANNELS, wireChannel, type EventChannel, type EventOf } from '../shared/ipc-contract.ts';
import { dispatchInvoke, isTrustedSender, type SenderFacts, type TrustedRenderer } from './ipc-dispatch.ts';
import type { Popover } from './popover.ts';

/** The part of `ipcMain` used here (main.ts passes Electron's; tests, a stand-in). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, payload: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export function senderFacts(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): SenderFacts {
  const frame = event.senderFrame;
  return {
    webContentsId: event.sender.id,
    frameUrl: frame?.url ?? null,
    isMainFrame: frame !== null && frame.parent === null,
  };
}

/** Call before the popover is created, so no request can arrive before its handler exists. */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  controller: Pick<AppController, 'handlers'>,
  trusted: () => TrustedRenderer,
  log: Logger,
): Unsubscribe {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(wireChannel(channel), (event, payload: unknown) =>
      dispatchInvoke(
        channel,
        isTrustedSender(senderFacts(event), trusted()),
        payload,
        controller.handlers,
        log,
      ),
    );
  }
  return () => INVOKE_CHANNELS.forEach((channel) => ipcMain.removeHandler(wireChannel(channel)));
}

export function sendEvent<E extends EventChannel>(popover: Popover, event: E, payload: EventOf<E>): void {
  popover.send(wireChannel(event), payload);
}
