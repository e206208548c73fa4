/**
 * A second layer under the app:// protocol's CSP header: every response any session receives gets the
 * app's CSP, so a page that somehow came from elsewhere still cannot run foreign script. The policy is
 * written out literally so Electronegativity's CSP check can evaluate it; a test keeps it identical to
 * contentSecurityPolicy() in main/browser.
 */

type ResponseHeaders = Record<string, string | string[]>;

/** The slice of Electron's Session this module uses. */
export interface HeaderSession {
  webRequest: {
    onHeadersReceived(listener: (details: { responseHeaders?: ResponseHeaders }, callback: (response: { responseHeaders: ResponseHeaders }) => void) => void): void;
  };
}

export function enforceContentSecurityPolicy(session: HeaderSession): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [
          "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; media-src 'self' blob: mediastream:; connect-src 'self'; manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; frame-src 'none'",
        ],
      },
    });
  });
}
