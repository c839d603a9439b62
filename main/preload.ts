import { contextBridge, ipcRenderer } from 'electron';
import { createAtlasApi } from '../shared/atlas-api';
import { ipcChannel } from '../shared/ipc-contract';
import type { Result } from '../shared/result';

contextBridge.exposeInMainWorld(
  'atlas',
  createAtlasApi((channel, input) => ipcRenderer.invoke(ipcChannel(channel), input) as Promise<Result<unknown>>),
);
