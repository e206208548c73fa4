/**
 * Bad SIP from the server side, one entry per way a broken or hostile edge (or something pretending to be
 * it) can hurt a softphone. Each entry says what the softphone must do with it: answer with a status, or
 * drop it (and log why). Frames are built against the agent's registered contact so requests reach the UA.
 * Each message carries its own Call-ID (`hostile-<n>`) so an answer can be matched to it.
 */
export type HostileEntry = {
  name: string;
  frame: (contact: string, callId: string) => string | Buffer;
  /** send as a binary WebSocket frame */
  binary?: boolean;
  /**
   * the status the softphone answers with; 'dropped': no answer at all, and a log line says why;
   * 'ignored': no answer and nothing to log (a keep-alive, a stray ACK — RFC 3261 §17.2.3 absorbs those)
   */
  expect: number | 'dropped' | 'ignored';
};

const CRLF = '\r\n';

/** A request with every mandatory header, which `overrides` replace or `extra` extend. */
function request(method: string, ruri: string, callId: string, options: { overrides?: Record<string, string | null>; extra?: string[]; body?: string; contentLength?: string } = {}): string {
  const body = options.body ?? '';
  const headers: Record<string, string | null> = {
    Via: 'SIP/2.0/WS evil.invalid;branch=z9hG4bK' + callId.replace(/\W/g, ''),
    'Max-Forwards': '70',
    From: `<sip:mallory@evil.invalid>;tag=${callId.replace(/\W/g, '')}f`,
    To: `<${ruri.startsWith('sip:') ? ruri : 'sip:ada@fake.invalid'}>`,
    'Call-ID': callId,
    CSeq: `1 ${method}`,
    ...options.overrides,
  };
  // an INVITE without a Contact is refused with 400 before anything else is looked at
  if (method === 'INVITE' && headers.Contact === undefined) headers.Contact = '<sip:mallory@127.0.0.1;transport=ws>';
  const lines = Object.entries(headers).filter(([, value]) => value !== null).map(([name, value]) => `${name}: ${value}`);
  return [`${method} ${ruri} SIP/2.0`, ...lines, ...(options.extra ?? []), `Content-Length: ${options.contentLength ?? Buffer.byteLength(body)}`, '', body].join(CRLF);
}

function response(status: string, callId: string, overrides: Record<string, string> = {}): string {
  const headers = {
    Via: 'SIP/2.0/WS nowhere.invalid;branch=z9hG4bKnotours',
    From: '<sip:ada@fake.invalid>;tag=abc',
    To: '<sip:ada@fake.invalid>;tag=def',
    'Call-ID': callId,
    CSeq: '1 INVITE',
    ...overrides,
  };
  return [`SIP/2.0 ${status}`, ...Object.entries(headers).map(([n, v]) => `${n}: ${v}`), 'Content-Length: 0', '', ''].join(CRLF);
}

const SDP = ['v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0', 'm=audio 40000 RTP/AVP 0', ''].join(CRLF);

export const HOSTILE_CORPUS: HostileEntry[] = [
  // ---- not SIP at all ----
  { name: 'plain text garbage', frame: () => 'hello, is this the SIP server?', expect: 'dropped' },
  { name: 'an empty frame', frame: () => '', expect: 'ignored' },
  { name: 'a CRLF keep-alive', frame: () => CRLF + CRLF, expect: 'ignored' },
  { name: 'HTTP instead of SIP', frame: () => `GET / HTTP/1.1${CRLF}Host: x${CRLF}${CRLF}`, expect: 'dropped' },
  { name: 'JSON', frame: () => '{"method":"INVITE","to":"ada"}', expect: 'dropped' },
  { name: 'random bytes in a binary frame', frame: () => Buffer.from([0xff, 0xfe, 0x00, 0x80, 0xc3, 0x28, 0xa0, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]), binary: true, expect: 'dropped' },
  { name: 'a text frame that is not valid UTF-8', frame: (contact, id) => Buffer.concat([Buffer.from(request('OPTIONS', contact, id).slice(0, 40)), Buffer.from([0xc3, 0x28, 0xed, 0xa0, 0x80])]), expect: 'dropped' },
  { name: 'a request line with NUL bytes', frame: (contact, id) => request('OPTIONS', contact, id).replace('OPTIONS', 'OPT\u0000IONS'), expect: 'dropped' },
  { name: 'SIP/3.0', frame: (contact, id) => request('OPTIONS', contact, id).replace(' SIP/2.0\r\n', ' SIP/3.0\r\n'), expect: 'dropped' },
  { name: 'a status line with a three-letter status', frame: (_c, id) => response('ABC Nope', id), expect: 'dropped' },

  // ---- too big ----
  { name: 'a 200 kB INVITE (over the 64 kB limit)', frame: (contact, id) => request('INVITE', contact, id, { extra: ['Content-Type: application/sdp'], body: SDP + 'a=x'.padEnd(200_000, 'x') + CRLF }), expect: 'dropped' },
  { name: 'one 60 kB header line', frame: (contact, id) => request('OPTIONS', contact, id, { extra: [`X-Long: ${'y'.repeat(60_000)}`] }), expect: 200 },
  { name: '2,000 headers', frame: (contact, id) => request('OPTIONS', contact, id, { extra: Array.from({ length: 2000 }, (_, i) => `X-H${i}: ${i}`) }), expect: 200 },

  // ---- broken headers ----
  { name: 'an INVITE without a Call-ID', frame: (contact, id) => request('INVITE', contact, id, { overrides: { 'Call-ID': null }, extra: ['Content-Type: application/sdp'], body: SDP }), expect: 'dropped' },
  { name: 'an INVITE without a Via', frame: (contact, id) => request('INVITE', contact, id, { overrides: { Via: null }, body: SDP, extra: ['Content-Type: application/sdp'] }), expect: 'dropped' },
  { name: 'an unparsable From', frame: (contact, id) => request('INVITE', contact, id, { overrides: { From: '<<<>>>;;;tag=' }, body: SDP, extra: ['Content-Type: application/sdp'] }), expect: 'dropped' },
  { name: 'an unparsable CSeq on a request', frame: (contact, id) => request('OPTIONS', contact, id, { overrides: { CSeq: 'lots OPTIONS' } }), expect: 'dropped' },
  { name: 'an unparsable Via', frame: (contact, id) => request('OPTIONS', contact, id, { overrides: { Via: 'carrier pigeon' } }), expect: 'dropped' },
  { name: 'a header line without a colon (skipped; the rest is well-formed)', frame: (contact, id) => request('OPTIONS', contact, id, { extra: ['This line has no colon'] }), expect: 200 },
  { name: 'Content-Length larger than the body', frame: (contact, id) => request('OPTIONS', contact, id, { contentLength: '5000' }), expect: 400 },
  { name: 'a negative Content-Length', frame: (contact, id) => request('OPTIONS', contact, id, { contentLength: '-1' }), expect: 'dropped' },
  { name: 'a Content-Length of 2^64', frame: (contact, id) => request('OPTIONS', contact, id, { contentLength: '18446744073709551616' }), expect: 400 },
  { name: 'LF-only line endings', frame: (contact, id) => request('OPTIONS', contact, id).replace(/\r\n/g, '\n'), expect: 'dropped' },
  { name: 'a malformed X-Workitem-Id (rings as a direct call, never auto-answered)', frame: (contact, id) => request('INVITE', contact, id, { extra: ['X-Workitem-Id: ../../etc/passwd', 'Content-Type: application/sdp'], body: SDP }), expect: 180 },

  // ---- well-formed but wrong ----
  { name: 'an unknown URI scheme in the Request-URI (sip.js cannot parse it)', frame: (_c, id) => request('INVITE', 'xmpp:ada@fake.invalid', id, { extra: ['Content-Type: application/sdp'], body: SDP }), expect: 'dropped' },
  { name: 'a tel: Request-URI', frame: (_c, id) => request('OPTIONS', 'tel:+15550100', id), expect: 'dropped' },
  { name: 'an unknown URI scheme in Contact', frame: (contact, id) => request('INVITE', contact, id, { overrides: { Contact: '<gopher://evil.invalid>' }, extra: ['Content-Type: application/sdp'], body: SDP }), expect: 'dropped' },
  { name: 'an unknown method', frame: (contact, id) => request('FROBNICATE', contact, id), expect: 405 },
  { name: 'a REGISTER sent to the agent', frame: (contact, id) => request('REGISTER', contact, id), expect: 405 },
  { name: 'a BYE for a dialog that does not exist', frame: (contact, id) => request('BYE', contact, id, { overrides: { To: '<sip:ada@fake.invalid>;tag=nosuchdialog' } }), expect: 481 },
  { name: 'a re-INVITE for a dialog that does not exist', frame: (contact, id) => request('INVITE', contact, id, { overrides: { To: '<sip:ada@fake.invalid>;tag=nosuchdialog' }, extra: ['Content-Type: application/sdp'], body: SDP }), expect: 481 },
  { name: 'a CANCEL for a transaction that does not exist', frame: (contact, id) => request('CANCEL', contact, id), expect: 481 },
  { name: 'an ACK for nothing', frame: (contact, id) => request('ACK', contact, id, { overrides: { To: '<sip:ada@fake.invalid>;tag=nothing' } }), expect: 'ignored' },
  { name: 'a NOTIFY outside any subscription', frame: (contact, id) => request('NOTIFY', contact, id, { extra: ['Event: refer', 'Subscription-State: active'] }), expect: 481 },
  { name: 'a REFER outside any call', frame: (contact, id) => request('REFER', contact, id, { extra: ['Refer-To: <sip:mallory@evil.invalid>'] }), expect: 405 },
  { name: 'a request for another user', frame: (_c, id) => request('OPTIONS', 'sip:somebody-else@fake.invalid', id), expect: 404 },
  { name: 'a 200 OK for a transaction we never started', frame: (_c, id) => response('200 OK', id), expect: 'dropped' },
  { name: 'a response with an unparsable CSeq (sip.js\'s parser throws on it)', frame: (_c, id) => response('200 OK', id, { CSeq: 'garbage' }), expect: 'dropped' },
  { name: 'a response with two Vias', frame: (_c, id) => response('180 Ringing', id, { Via: 'SIP/2.0/WS a.invalid;branch=z9hG4bK1, SIP/2.0/WS b.invalid;branch=z9hG4bK2' }), expect: 'dropped' },
  { name: 'an INVITE whose body is not SDP', frame: (contact, id) => request('INVITE', contact, id, { extra: ['Content-Type: application/x-evil'], body: '<script>alert(1)</script>' }), expect: 415 },
];
