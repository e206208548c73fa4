/**
 * A hostile or broken server cannot throw out of the softphone's transport or wedge its user agent: each
 * bad message of the corpus (hostile-sip-corpus.ts) is answered or dropped (and logged), and after every
 * one the UA still answers an OPTIONS probe; after the whole corpus it still registers and takes a call.
 * An exception escaping into the event loop would fail this file (Vitest reports unhandled errors).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backoff } from '../../../../../common/backoff';
import { Softphone } from '../../../../../main/core/softphone/softphone';
import { createFakeMediaEngine } from './fake-media-engine';
import { header, startFakeSipServer, type FakeSipServer, type SipMessage } from './fake-sip-server';
import { collectingLog, credentials } from './helpers';
import { HOSTILE_CORPUS } from './hostile-sip-corpus';

describe('hostile SIP from the server side', () => {
  let server: FakeSipServer;
  let phone: Softphone;
  const log = collectingLog();
  const accepted = new Set(['wi_after']);
  let probes = 0;

  beforeAll(async () => {
    server = await startFakeSipServer();
    phone = new Softphone({
      credentials: credentials(server),
      engine: createFakeMediaEngine(),
      renewCredentials: () => Promise.resolve({ sip: credentials(server) }),
      isAcceptedWorkitem: (id) => accepted.has(id),
      onChange: () => undefined,
      log,
      backoff: new Backoff({ baseMs: 10, capMs: 50 }),
    });
    await phone.start();
  });
  afterAll(async () => {
    await phone.stop();
    await server.close();
  });

  /** An OPTIONS the UA must answer: proof it is still reading, and (messages being handled in order) that the previous frame was dealt with. */
  async function probe(): Promise<void> {
    probes += 1;
    const callId = `probe-${probes}`;
    server.sendRaw([
      `OPTIONS ${server.contact} SIP/2.0`, `Via: SIP/2.0/WS fake.invalid;branch=z9hG4bKprobe${probes}`, 'Max-Forwards: 70',
      `From: <sip:prober@fake.invalid>;tag=p${probes}`, 'To: <sip:ada@fake.invalid>', `Call-ID: ${callId}`, 'CSeq: 1 OPTIONS',
      'Content-Length: 0', '', '',
    ].join('\r\n'));
    const answer = await server.waitFor((m) => m.status !== null && header(m, 'call-id') === callId, `the answer to ${callId}`);
    expect(answer.status).toBe(200);
  }

  const answersTo = (callId: string): SipMessage[] => server.received.filter((m) => m.status !== null && header(m, 'call-id') === callId);

  it.each(HOSTILE_CORPUS.map((entry, index) => [entry.name, entry, index] as const))('%s', async (_name, entry, index) => {
    const callId = `hostile-${index}`;
    const logged = log.lines.length;
    server.sendRaw(entry.frame(server.contact, callId), entry.binary ?? false);
    await probe();
    const answers = answersTo(callId);
    if (entry.expect === 'dropped' || entry.expect === 'ignored') {
      expect(answers.map((m) => m.status)).toEqual([]);
      if (entry.expect === 'dropped') expect(log.lines.length, 'a dropped message is logged').toBeGreaterThan(logged);
    } else {
      expect(answers.map((m) => m.status)).toContain(entry.expect);
    }
    expect(phone.view().registration.state).toBe('registered');
  });

  it('still registers and takes a call afterwards', async () => {
    const registers = server.count((m) => m.method === 'REGISTER');
    server.dropConnections(); // forces a reconnect and a fresh REGISTER on the same UA
    await server.waitFor((m) => m.method === 'REGISTER' && server.count((r) => r.method === 'REGISTER') > registers, 'a REGISTER after the corpus');
    await probe(); // the REGISTER's 200 went out before the probe, so it has been handled by now
    expect(phone.view().registration.state).toBe('registered');
    const call = server.invite({ workitemId: 'wi_after' });
    expect((await call.final).status).toBe(200);
    call.ack();
    call.bye();
    await server.waitFor((m) => m.status === 200 && header(m, 'call-id') === call.callId && header(m, 'cseq').endsWith('BYE'), 'the 200 to BYE');
  });
});
