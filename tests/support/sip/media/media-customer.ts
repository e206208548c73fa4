/**
 * A customer with real media for the telephony media tests: SIPp plays the signalling
 * (scenarios/media-customer.xml: follows Record-Route, answers hold/resume re-INVITEs, follows a REFER) and a
 * PlainRtpEndpoint is its phone's audio, on the port its SDP names: it sends a tone back to wherever the edge's
 * RTP comes from, and counts what it receives (PCMU, RFC 4733 digits).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { PlainRtpEndpoint } from './plain-rtp-endpoint';
import { startSipp, type SippOutcome } from './sipp-run';

const SCENARIO = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'scenarios', 'media-customer.xml');

export type MediaCustomer = {
  media: PlainRtpEndpoint;
  /** SIPp's outcome: exit code 0 when the scenario ran to its end (the agent's BYE answered). */
  finished: Promise<SippOutcome>;
  /** Ends SIPp (e.g. while a transferred call still rings) and the media endpoint. */
  stop: () => Promise<void>;
};

export type MediaCustomerOptions = {
  /** The edge's SIP UDP address. */
  host: string;
  port: number;
  /** The number dialled (a queue's). */
  number: string;
  /** The customer's own number, the From user part. */
  caller: string;
  /** Its RTP port: inside the test file's media range. */
  rtpPort: number;
  timeoutMs?: number;
};

export async function callWithMedia(options: MediaCustomerOptions): Promise<MediaCustomer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'switchboard-media-customer-'));
  const media = await PlainRtpEndpoint.open({ port: options.rtpPort, telephoneEventPayloadType: 101 });
  const timeoutMs = options.timeoutMs ?? 30_000;
  const sipp = startSipp(
    dir,
    [
      `${options.host}:${options.port}`,
      '-sf', SCENARIO,
      '-s', options.number,
      '-set', 'caller', options.caller,
      '-set', 'rtp_port', String(options.rtpPort),
      '-i', '127.0.0.1',
      '-p', '0',
      '-m', '1',
      '-timeout', `${Math.ceil(timeoutMs / 1000)}s`,
    ],
    { traceMessages: true, timeoutMs },
  );
  let cleaned: Promise<void> | undefined;
  const cleanup = (): Promise<void> =>
    (cleaned ??= (async () => {
      media.close();
      await rm(dir, { recursive: true, force: true });
    })());
  // The outcome is read (trace included) before the directory goes.
  const finished = sipp.finished.then(async (outcome) => {
    await cleanup();
    return outcome;
  });
  return {
    media,
    finished,
    stop: async () => {
      sipp.stop();
      await finished;
    },
  };
}
