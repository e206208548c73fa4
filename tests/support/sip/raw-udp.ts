/** Raw SIP over UDP from Node, for what SIPp cannot send: malformed, oversize, odd methods and schemes. */
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';

/** Sends DATAGRAM to host:port and collects every answer for `waitMs` (the start lines). */
export function sendDatagram(host: string, port: number, datagram: Buffer | string, waitMs = 700, from = '127.0.0.1'): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    const answers: string[] = [];
    socket.on('message', (message) => answers.push(message.toString('utf8').split('\r\n')[0]));
    socket.on('error', (err) => {
      socket.close();
      reject(err);
    });
    socket.bind({ address: from, port: 0 }, () => {
      const local = socket.address().port;
      const payload = typeof datagram === 'string' ? Buffer.from(datagram.replaceAll('{{LOCAL_PORT}}', String(local)).replaceAll('127.0.0.1:', `${from}:`)) : datagram;
      socket.send(payload, port, host);
      setTimeout(() => {
        socket.close();
        resolve(answers);
      }, waitMs);
    });
  });
}

/** A well-formed request (Via names the sender's port through {{LOCAL_PORT}}); `extra` headers and a body. */
export function sipRequest(method: string, requestUri: string, options: { to?: string; extra?: string[]; body?: string } = {}): string {
  const tag = randomBytes(4).toString('hex');
  const body = options.body ?? '';
  return [
    `${method} ${requestUri} SIP/2.0`,
    `Via: SIP/2.0/UDP 127.0.0.1:{{LOCAL_PORT}};branch=z9hG4bK-${randomBytes(6).toString('hex')};rport`,
    'Max-Forwards: 70',
    `From: <sip:tester@127.0.0.1>;tag=${tag}`,
    `To: <${options.to ?? requestUri}>`,
    `Call-ID: raw-${randomBytes(8).toString('hex')}`,
    `CSeq: 1 ${method}`,
    'Contact: <sip:tester@127.0.0.1:{{LOCAL_PORT}}>',
    ...(options.extra ?? []),
    `Content-Length: ${Buffer.byteLength(body)}`,
    '',
    body,
  ].join('\r\n');
}
