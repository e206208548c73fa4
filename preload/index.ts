/**
 * The sandboxed preload: exposes the typed API as `window.switchboard` and nothing else — never
 * ipcRenderer or a generic send. It imports only 'electron' and common/ so it can be bundled into one
 * file for a sandboxed renderer.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildSwitchboardApi } from './api';

contextBridge.exposeInMainWorld('switchboard', buildSwitchboardApi(ipcRenderer));
