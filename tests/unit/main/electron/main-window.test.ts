import { describe, expect, it } from 'vitest';
import { createMainWindow, loadApp } from '../../../../main/electron/main-window';

class FakeBrowserWindow {
  static created: FakeBrowserWindow[] = [];
  readyListeners: (() => void)[] = [];
  loaded: string[] = [];
  shown = 0;
  constructor(readonly options: Record<string, any>) {
    FakeBrowserWindow.created.push(this);
  }
  once(_event: 'ready-to-show', listener: () => void) {
    this.readyListeners.push(listener);
  }
  show() {
    this.shown += 1;
  }
  async loadURL(url: string) {
    this.loaded.push(url);
  }
}

describe('createMainWindow', () => {
  it('applies the security checklist to webPreferences', () => {
    const window = createMainWindow(FakeBrowserWindow, { preloadPath: '/app/build/preload/index.cjs' });
    const prefs = window.options.webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/build/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(prefs).not.toHaveProperty('enableRemoteModule');
    expect(window.options.show).toBe(false);
  });

  it('shows the window once it is ready and loads only the app origin', async () => {
    const window = createMainWindow(FakeBrowserWindow, { preloadPath: 'p' });
    expect(window.shown).toBe(0);
    window.readyListeners.forEach((listener) => listener());
    expect(window.shown).toBe(1);
    await loadApp(window);
    expect(window.loaded).toEqual(['app://switchboard/index.html']);
  });
});
