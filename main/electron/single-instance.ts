/**
 * One Switchboard per session: a second launch (typically the OS opening a tel:/sip: link) hands its
 * link to the running instance, which brings its window forward and shows the dialer, then quits.
 */
import { findDialLink, parseDialLink } from './dial-link';

/** The slice of Electron's app this module uses. */
export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: (event: unknown, argv: string[], workingDirectory: string) => void): unknown;
  on(event: 'open-url', listener: (event: { preventDefault(): void }, url: string) => void): unknown;
}

export interface SingleInstanceHandlers {
  /** a link arrived: show the dialer with this number */
  onDial(number: string): void;
  /** someone launched the app again: bring the window forward */
  onActivate(): void;
}

/** false: another instance has the lock and got our link; this one is quitting. */
export function claimSingleInstance(app: SingleInstanceApp, handlers: SingleInstanceHandlers): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv) => {
    handlers.onActivate();
    const number = findDialLink(argv);
    if (number) handlers.onDial(number);
  });
  // macOS delivers links as an event rather than on the command line.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    handlers.onActivate();
    const number = parseDialLink(url);
    if (number) handlers.onDial(number);
  });
  return true;
}

/** Registers Switchboard as the handler of tel: and sip: links (installers also register it per machine). */
export function registerDialProtocols(app: { setAsDefaultProtocolClient(protocol: string): boolean }): string[] {
  // Reviewed: links reach the app only as a number, through parseDialLink's strict pattern.
  return ['tel', 'sip'].filter((scheme) => app.setAsDefaultProtocolClient(scheme)); // eng-disable PROTOCOL_HANDLER_JS_CHECK
}
