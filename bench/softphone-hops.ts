/**
 * Where the softphone bench's time goes, hop by hop: reads a loopback packet capture taken during
 * `bench/softphone.bench.ts` and the calls' moments it wrote (BENCH_SOFTPHONE_TRACE), and prints p50/p95
 * of each hop of the toast path and the Accept path (docs/softphone.md, "Where the time goes").
 *
 *   dumpcap -i lo -w CAP.pcapng -f 'not udp portrange 40000-48499' &      # no RTP: signalling only
 *   BENCH_SOFTPHONE_TRACE=MOMENTS.json npx tsx bench/softphone.bench.ts
 *   npx tsx bench/softphone-hops.ts CAP.pcapng MOMENTS.json
 *
 * Every process runs on the same machine, so the capture's clock is the clock SIPp and the page stamp
 * with. Messages are found by content: SIP over UDP and WebSocket, evapi's JSON, HTTP, the desktop's own
 * WebSocket (frames a client sends are masked, a server's are not; both are read).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { percentile } from './bench-kit';
import { readCapture, type Message } from './capture-reader';

const MomentsSchema = z.array(z.object({ workitemId: z.string(), invited: z.number(), painted: z.number(), clicked: z.number(), answered: z.number() }));

const HOPS = [
  'INVITE sent → evapi invite at the platform',
  'evapi invite → workitem.offered sent to the desktop',
  'workitem.offered → offerReceived sent to the renderer',
  'offerReceived → toast painted',
  'Accept click → accept operation at the core',
  'accept operation → POST accept at the platform',
  'POST accept → connect sent to Kamailio',
  'connect → INVITE at the softphone',
  'INVITE at the softphone → media request to the renderer',
  'media request → the renderer answers',
  'renderer answers → 200 OK sent by the softphone',
  '200 OK sent → 200 OK at SIPp',
] as const;

function hopsOfCall(messages: Message[], moments: z.infer<typeof MomentsSchema>[number]): number[] | null {
  const { workitemId: id, invited, clicked } = moments;
  const after = (from: number | undefined, test: (m: Message) => boolean) => (from === undefined ? undefined : messages.find((m) => m.at >= from && test(m))?.at);
  const agentInvite = messages.find((m) => m.at >= clicked && m.transport === 'ws-from-server' && m.text.startsWith('INVITE ') && m.text.includes(`X-Workitem-Id: ${id}`));
  const callId = agentInvite && /\r\nCall-ID:\s*(\S+)/i.exec(agentInvite.text)?.[1];
  if (agentInvite === undefined || callId === undefined) return null;
  const evapiInvite = after(invited - 1, (m) => m.transport === 'tcp' && m.text.includes('"event":"invite"') && m.text.includes(callId));
  const offered = after(invited - 1, (m) => m.transport === 'ws-from-server' && m.text.includes('workitem.offered') && m.text.includes(id));
  const toRenderer = after(offered, (m) => m.transport === 'ws-from-server' && m.text.includes('offerReceived') && m.text.includes(id));
  const acceptOp = after(clicked - 1, (m) => m.transport === 'ws-from-client' && m.text.includes('"op":"accept"') && m.text.includes(id));
  const post = after(acceptOp, (m) => m.transport === 'tcp' && m.text.startsWith(`POST /v1/workitems/${id}/accept`));
  const connect = after(post, (m) => m.transport === 'tcp' && m.text.includes('"action":"connect"') && m.text.includes(id));
  const mediaRequest = after(agentInvite.at, (m) => m.transport === 'ws-from-server' && m.text.includes('"mediaRequest"') && m.text.includes('setDescription'));
  const mediaAnswer = after(mediaRequest, (m) => m.transport === 'ws-from-client' && m.text.includes('answerMediaRequest'));
  const ok = after(mediaAnswer, (m) => m.transport === 'ws-from-client' && m.text.startsWith('SIP/2.0 200') && m.text.includes(callId) && /\r\nCSeq:\s*\d+ INVITE/i.test(m.text));
  const moments_ = [invited, evapiInvite, offered, toRenderer, moments.painted, clicked, acceptOp, post, connect, agentInvite.at, mediaRequest, mediaAnswer, ok, moments.answered];
  if (moments_.some((m) => m === undefined)) return null;
  const at = moments_ as number[];
  // the toast path is moments 0–4, the Accept path 5–13
  return [...[1, 2, 3, 4].map((i) => at[i] - at[i - 1]), ...[6, 7, 8, 9, 10, 11, 12, 13].map((i) => at[i] - at[i - 1])];
}

function main(): void {
  const [capture, momentsFile] = process.argv.slice(2);
  if (capture === undefined || momentsFile === undefined) {
    console.error('usage: npx tsx bench/softphone-hops.ts CAPTURE.pcapng MOMENTS.json');
    process.exit(2);
  }
  const moments = MomentsSchema.safeParse(JSON.parse(readFileSync(momentsFile, 'utf8')));
  if (!moments.success) {
    console.error(`${momentsFile} is not what BENCH_SOFTPHONE_TRACE writes: ${moments.error.issues[0]?.message ?? 'invalid'}`);
    process.exit(2);
  }
  const messages = readCapture(capture);
  const calls = moments.data.map((m) => hopsOfCall(messages, m)).filter((hops) => hops !== null);
  console.log(`${calls.length} of ${moments.data.length} calls found in the capture`);
  HOPS.forEach((name, i) => {
    const values = calls.map((hops) => hops[i]);
    console.log(`${name.padEnd(58)} p50 ${percentile(values, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(values, 95).toFixed(1).padStart(6)} ms`);
  });
}

main();
