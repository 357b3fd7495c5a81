// The popover's preload: sandboxed, so it is bundled into one CommonJS file (build/scripts/bundle.ts) and
// may import only `electron` and code without Node built-ins. It exposes exactly an IpqosApi.
import { contextBridge, ipcRenderer } from 'electron';
import { createIpqosApi } from './preload-api.ts';

contextBridge.exposeInMainWorld('ipqos', createIpqosApi(ipcRenderer));
