/** The desktop core's public surface, for the Electron shell, the browser-mode host and tests. */
export { createDesktopCore, type DesktopCore } from './desktop-core';
export { createMemoryTokenStore, type TokenStore } from './token-store';
