/** The desktop core's public surface, for the Electron shell, the browser-mode host and tests. */
export { createDesktopCore, CACHE_FILE, OUTBOX_FILE, type DesktopCore, type DesktopCoreOptions } from './desktop-core';
export { createMemoryTokenStore, type TokenStore } from './token-store';
export type { SettingsPolicy } from './settings';
export type { CacheOpenReport } from './cache/open-cache';
