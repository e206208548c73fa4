/**
 * A tiny SIP-over-WebSocket server for the softphone's tests: a registrar that answers REGISTER (200,
 * or a scripted refusal), a caller that INVITEs the registered agent and ACKs/BYEs like a proxy would,
 * a callee for the agent's own INVITEs, and a raw frame sender for the hostile-message corpus.
 * It speaks just enough SIP for sip.js; the real edge (Kamailio) is in tests/integration/softphone/.
 */
import { randomBytes } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';

export type SipMessage = {
  firstLine: string;
  method: string | null;
  status: number | null;
  headers: Map<string, string[]>;
  body: string;
  raw: string;
};

export function parseSip(raw: string): SipMessage {
  const split = raw.indexOf('\r\n\r\n');
  const head = split === -1 ? raw : raw.slice(0, split);
  const body = split === -1 ? '' : raw.slice(split + 4);
  const [firstLine = '', ...lines] = head.split('\r\n');
  const headers = new Map<string, string[]>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  const status = /^SIP\/2\.0 (\d{3})/.exec(firstLine);
  return { firstLine, method: status ? null : firstLine.split(' ')[0] ?? null, status: status ? Number(status[1]) : null, headers, body, raw };
}

export function header(message: SipMessage, name: string): string {
  return message.headers.get(name.toLowerCase())?.[0] ?? '';
}

const token = (n = 8): string => randomBytes(n).toString('hex');
const cseqNumber = (message: SipMessage): number => Number(header(message, 'cseq').split(' ')[0]);

export const CUSTOMER_SDP = [
  'v=0', 'o=- 1 1 IN IP4 127.0.0.1', 's=-', 'c=IN IP4 127.0.0.1', 't=0 0',
  'm=audio 40000 RTP/AVP 0 101', 'a=rtpmap:0 PCMU/8000', 'a=rtpmap:101 telephone-event/8000', 'a=sendrecv', '',
].join('\r\n');

/** One call from the server to the agent: the dialog as the server sees it. */
export type ServerCall = {
  callId: string;
  /** the agent's final response to the INVITE */
  final: Promise<SipMessage>;
  ack(): void;
  bye(): void;
};

export type FakeSipServer = {
  url: string;
  /** the agent's registered contact URI */
  readonly contact: string;
  received: SipMessage[];
  /** how the next REGISTERs are answered (default 200) */
  registerStatus: number[];
  /** how the next in-dialog re-INVITEs from the agent are answered (default 200 with SDP) */
  reinviteStatus: number[];
  /** how the agent's outbound INVITEs are answered: a list of statuses sent in order (default 180, 200) */
  outboundAnswer: number[];
  waitFor(predicate: (message: SipMessage) => boolean, what: string): Promise<SipMessage>;
  count(predicate: (message: SipMessage) => boolean): number;
  invite(options?: { workitemId?: string; from?: string; extraHeaders?: string[] }): ServerCall;
  sendRaw(frame: string | Buffer, binary?: boolean): void;
  /** sends a request in the outbound dialog the agent placed last (e.g. a BYE) */
  sendInOutboundDialog(method: string): void;
  dropConnections(): void;
  close(): Promise<void>;
};

export async function startFakeSipServer(): Promise<FakeSipServer> {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, handleProtocols: () => 'sip' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const address = wss.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  const received: SipMessage[] = [];
  const waiters: { predicate: (message: SipMessage) => boolean; resolve: (message: SipMessage) => void }[] = [];
  let client: WebSocket | null = null;
  let contact = '';
  let lastOutboundInvite: SipMessage | null = null;
  let outboundToTag = '';
  let outboundCseq = 1;
  const finals = new Map<string, (message: SipMessage) => void>();

  const server: FakeSipServer = {
    url: `ws://127.0.0.1:${port}`,
    get contact() {
      return contact;
    },
    received,
    registerStatus: [],
    reinviteStatus: [],
    outboundAnswer: [180, 200],
    waitFor(predicate, what) {
      const found = received.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`fake SIP server: timed out waiting for ${what}`)), 10_000);
        waiters.push({ predicate, resolve: (message) => { clearTimeout(timer); resolve(message); } });
      });
    },
    count: (predicate) => received.filter(predicate).length,
    invite(options = {}) {
      const callId = `srv-${token()}`;
      const fromTag = token(4);
      const from = `"Customer" <sip:${options.from ?? '+15550123'}@fake.invalid>;tag=${fromTag}`;
      const to = `<${contact}>`;
      let toTag = '';
      let agentContact = contact;
      let cseq = 1;
      const final = new Promise<SipMessage>((resolve) => finals.set(callId, resolve)).then((response) => {
        toTag = /;tag=([^;>\s]+)/.exec(header(response, 'to'))?.[1] ?? '';
        agentContact = /<([^>]+)>/.exec(header(response, 'contact'))?.[1] ?? contact;
        return response;
      });
      send(request('INVITE', contact, { callId, from, to, cseq: `${cseq} INVITE`, extra: [
        'Contact: <sip:customer@127.0.0.1;transport=ws>', 'Content-Type: application/sdp',
        ...(options.workitemId ? [`X-Workitem-Id: ${options.workitemId}`] : []), ...(options.extraHeaders ?? []),
      ], body: CUSTOMER_SDP }));
      return {
        callId,
        final,
        ack: () => send(request('ACK', agentContact, { callId, from, to: `${to};tag=${toTag}`, cseq: `${cseq} ACK` })),
        bye: () => {
          cseq += 1;
          send(request('BYE', agentContact, { callId, from, to: `${to};tag=${toTag}`, cseq: `${cseq} BYE` }));
        },
      };
    },
    sendRaw(frame, binary = false) {
      client?.send(frame, { binary });
    },
    sendInOutboundDialog(method) {
      const invite = lastOutboundInvite;
      if (invite === null) throw new Error('no outbound call');
      outboundCseq += 1;
      const agentContact = /<([^>]+)>/.exec(header(invite, 'contact'))?.[1] ?? contact;
      send(request(method, agentContact, {
        callId: header(invite, 'call-id'),
        from: `${header(invite, 'to')};tag=${outboundToTag}`,
        to: header(invite, 'from'),
        cseq: `${outboundCseq} ${method}`,
      }));
    },
    dropConnections() {
      for (const socket of wss.clients) socket.terminate();
    },
    async close() {
      for (const socket of wss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };

  function send(text: string): void {
    client?.send(text);
  }

  function request(method: string, ruri: string, h: { callId: string; from: string; to: string; cseq: string; extra?: string[]; body?: string }): string {
    const body = h.body ?? '';
    return [
      `${method} ${ruri} SIP/2.0`,
      `Via: SIP/2.0/WS fake.invalid;branch=z9hG4bK${token()}`,
      'Max-Forwards: 70',
      `From: ${h.from}`,
      `To: ${h.to}`,
      `Call-ID: ${h.callId}`,
      `CSeq: ${h.cseq}`,
      ...(h.extra ?? []),
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ].join('\r\n');
  }

  function respond(to: SipMessage, status: number, reason: string, options: { toTag?: string; extra?: string[]; body?: string } = {}): void {
    const body = options.body ?? '';
    const toHeader = header(to, 'to');
    const tagged = toHeader.includes(';tag=') || options.toTag === undefined ? toHeader : `${toHeader};tag=${options.toTag}`;
    send([
      `SIP/2.0 ${status} ${reason}`,
      ...(to.headers.get('via') ?? []).map((via) => `Via: ${via}`),
      `From: ${header(to, 'from')}`,
      `To: ${tagged}`,
      `Call-ID: ${header(to, 'call-id')}`,
      `CSeq: ${header(to, 'cseq')}`,
      ...(options.extra ?? []),
      `Content-Length: ${Buffer.byteLength(body)}`,
      '',
      body,
    ].join('\r\n'));
  }

  function handle(message: SipMessage): void {
    if (message.status !== null) {
      const callId = header(message, 'call-id');
      if (message.status >= 200 && header(message, 'cseq').endsWith('INVITE')) finals.get(callId)?.(message);
      return;
    }
    const inDialog = /;tag=/.test(header(message, 'to'));
    switch (message.method) {
      case 'REGISTER': {
        contact = /<([^>]+)>/.exec(header(message, 'contact'))?.[1] ?? '';
        const status = server.registerStatus.shift() ?? 200;
        respond(message, status, status === 200 ? 'OK' : 'Refused', { toTag: token(4), extra: status === 200 ? [`Contact: ${header(message, 'contact')};expires=300`] : [] });
        return;
      }
      case 'INVITE': {
        if (inDialog) {
          const status = server.reinviteStatus.shift() ?? 200;
          respond(message, status, status === 200 ? 'OK' : 'Not now', status === 200 ? { extra: ['Contact: <sip:customer@127.0.0.1;transport=ws>', 'Content-Type: application/sdp'], body: CUSTOMER_SDP } : {});
          return;
        }
        lastOutboundInvite = message;
        outboundToTag = token(4);
        for (const status of server.outboundAnswer) {
          const ok = status === 200;
          respond(message, status, ok ? 'OK' : status === 180 ? 'Ringing' : 'Busy Here', {
            toTag: outboundToTag,
            ...(ok ? { extra: ['Contact: <sip:callee@127.0.0.1;transport=ws>', 'Content-Type: application/sdp'], body: CUSTOMER_SDP } : {}),
          });
        }
        return;
      }
      case 'ACK':
        return;
      case 'REFER':
        respond(message, 202, 'Accepted');
        return;
      default:
        respond(message, 200, 'OK');
    }
  }

  wss.on('connection', (socket) => {
    client = socket;
    socket.on('message', (data) => {
      const message = parseSip(data.toString());
      received.push(message);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(message)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
      }
      handle(message);
    });
  });

  return server;
}

