/**
 * No navigation and no new windows, for every webContents the app ever creates: the window shows the
 * app and nothing else. http(s) links the agent clicks open in the system browser, which has its own
 * sandbox and the agent's own session; every other scheme (file:, javascript:, custom handlers) is dropped.
 */

export interface NavigationEvent {
  preventDefault(): void;
}

/** The slice of Electron's WebContents this module uses. */
export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: NavigationEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: NavigationEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
}

export interface ShellPort {
  openExternal(url: string): Promise<void>;
}

export function isExternalWebLink(url: string): boolean {
  try {
    const protocol = new URL(url).protocol;
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    // not a URL: never opened
    return false;
  }
}

export function guardNavigation(contents: GuardedContents, shell: ShellPort, log: (message: string) => void = console.warn): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Reviewed: only http(s) URLs reach openExternal, never file:, smb: or custom schemes.
    if (isExternalWebLink(url)) {
      const opening = shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
      opening.catch((error: unknown) => log(`could not open ${url} in the browser: ${error instanceof Error ? error.message : String(error)}`));
    }
    return { action: 'deny' };
  });
}
