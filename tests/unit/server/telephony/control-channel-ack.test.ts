/**
 * The platform acknowledges every chunk the edge sends at once, with a newline evapi skips: Kamailio's evapi
 * leaves Nagle on, so without a prompt ACK (Linux delays it up to ~40 ms when the receiver has nothing to
 * send) the next call event waits behind it. A TCP server stands in for evapi's socket here; that Kamailio
 * skips the newline is proven by every telephony integration test, which run through the real edge.
 */
import { createServer, type Server, type Socket } from 'node:net';
import pino from 'pino';
import { afterEach, expect, it } from 'vitest';
import { ControlChannel, netstring } from '../../../../server/telephony/control-channel';

let server: Server | undefined;
let channel: ControlChannel | undefined;
afterEach(async () => {
  channel?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
});

it('answers each chunk of events from the edge with a newline, and hands the events on', async () => {
  const peer = new Promise<Socket>((resolve) => {
    server = createServer(resolve);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const port = (server!.address() as { port: number }).port;
  const received: unknown[] = [];
  channel = new ControlChannel(port, (message) => received.push(message), pino({ level: 'silent' }));
  channel.start();
  const edge = await peer;
  const fromPlatform: Buffer[] = [];
  edge.on('data', (chunk: Buffer) => fromPlatform.push(chunk));

  edge.write(netstring(JSON.stringify({ event: 'cancel', callId: 'a' })));
  await expect.poll(() => Buffer.concat(fromPlatform).toString()).toBe('\n');
  expect(received).toEqual([{ event: 'cancel', callId: 'a' }]);
  edge.write(netstring(JSON.stringify({ event: 'cancel', callId: 'b' })));
  await expect.poll(() => Buffer.concat(fromPlatform).toString()).toBe('\n\n');
  expect(received).toHaveLength(2);
  edge.destroy();
});
