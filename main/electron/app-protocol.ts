/**
 * Serves the built renderer under app://switchboard/ with the strict CSP as a response header. Files
 * come from rendererDir only; nothing remote is ever loaded into the window.
 */
import { contentSecurityPolicy, HARDENING_HEADERS } from '../browser/content-security-policy';
import { readRendererFile } from './renderer-file';
import { APP_HOST, APP_SCHEME } from './app-origin';

/** The slice of Electron's protocol module this module uses. */
export interface ProtocolPort {
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]): void;
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
}

/** Must run before app 'ready'. `standard` + `secure` give the scheme a real origin and a secure context (getUserMedia). */
export function registerAppScheme(protocol: Pick<ProtocolPort, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
  ]);
}

export const APP_CSP = contentSecurityPolicy();

export function serveAppProtocol(protocol: Pick<ProtocolPort, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(rendererDir, request));
}

export async function appResponse(rendererDir: string, request: Pick<Request, 'url' | 'method'>): Promise<Response> {
  const headers = { ...HARDENING_HEADERS, 'Content-Security-Policy': APP_CSP };
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    // not a URL: the answer says so
    return new Response('Bad request', { status: 400, headers });
  }
  if (url.host !== APP_HOST) return new Response('Not found', { status: 404, headers });
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('Method not allowed', { status: 405, headers });
  const file = await readRendererFile(rendererDir, url.pathname);
  if (!file) return new Response('Not found', { status: 404, headers });
  return new Response(request.method === 'HEAD' ? null : new Uint8Array(file.body), {
    status: 200,
    headers: { ...headers, 'Content-Type': file.contentType, 'Cache-Control': file.isDocument ? 'no-store' : 'no-cache' },
  });
}
