import type { IpcMain } from 'electron';
import { channelNames, ipcChannel } from '../shared/ipc-contract';
import { fail } from '../shared/result';
import { dispatch } from './dispatch';
import type { Handlers } from './handler-types';
import { isTrustedSender } from './security/trusted-sender';

/** Binds every contract channel; a call from anything but the app's own page is refused. */
export function bindIpc(ipcMain: IpcMain, handlers: Handlers): void {
  for (const name of channelNames) {
    ipcMain.handle(ipcChannel(name), (event, input: unknown) => {
      if (!isTrustedSender(event.senderFrame)) return fail('Request refused: it did not come from Referral Atlas.');
      return dispatch(handlers, name, input);
    });
  }
}
