/**
 * Where the SIP edge bench's time goes, hop by hop (docs/telephony.md, "Where the time goes"): reads a
 * loopback packet capture taken during the latency rows of `bench/sip-edge.bench.ts` and, optionally, an
 * strace of the platform's fdatasync calls, and prints p50/p95 of each hop of both paths:
 *
 *   dumpcap -q -i lo -w CAP.pcapng -f 'not udp portrange 40000-48999' &         # signalling, no RTP
 *   BENCH_SIP_ONLY=latency npx tsx bench/sip-edge.bench.ts &
 *   strace -f -tt -T -e trace=fdatasync -o SYNCS.txt -p PLATFORM_PID &          # optional
 *   npx tsx bench/sip-edge-hops.ts CAP.pcapng [SYNCS.txt] [--edge-port=49004]      # the run's SIP UDP port
 *
 * Every process runs on the same machine, so the capture's clock is the clock strace stamps with.
 * Messages are found by content: SIP over UDP and WebSocket, evapi's netstrings, rtpengine's ng
 * (bencode over UDP), HTTP and the agents' events WebSocket (client frames are masked; both are read).
 */
import { readFileSync } from 'node:fs';
import { percentile } from './bench-kit';
import { readCapture, type Message } from './capture-reader';

/** strace -tt -T lines: `PID HH:MM:SS.micro fdatasync(FD) = 0 <secs>` → [start, end] in epoch ms (the capture's day). */
function readSyncs(file: string, day: number): Array<[number, number]> {
  const syncs: Array<[number, number]> = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^\d+\s+(\d\d):(\d\d):(\d\d\.\d+)\s+f(?:data)?sync\(\d+\)\s+=\s+0\s+<([\d.]+)>/.exec(line);
    if (!m) continue;
    const start = day + ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * 1000;
    syncs.push([start, start + Number(m[4]) * 1000]);
  }
  return syncs;
}

const INVITE_HOPS = [
  'INVITE at the edge → evapi invite to the platform',
  'evapi invite → first fdatasync after it starts',
  'that fdatasync (the commit making the item and its offer durable)',
  'fdatasync done → workitem.offered sent to the agent',
  'evapi invite → workitem.offered sent (the platform, in all)',
  'INVITE at the edge → workitem.offered sent (what the bench sees, less the agent)',
] as const;

const ANSWER_HOPS = [
  'POST accept at the platform → first fdatasync after it starts',
  'that fdatasync (the accept made durable)',
  'fdatasync done → connect sent to Kamailio',
  'POST accept → connect (the platform, in all)',
  'connect → rtpengine ng offer',
  'ng offer → INVITE sent to the agent (rtpengine offer + relay)',
  'INVITE sent to the agent → its 200 OK at the edge (the agent)',
  '200 OK from the agent → rtpengine ng answer',
  'ng answer → 200 OK sent to the caller (rtpengine answer + relay)',
  'POST accept → 200 OK sent to the caller (what the bench sees, less the agent’s POST)',
] as const;

function main(): void {
  const args = process.argv.slice(2);
  const edgePort = args.find((a) => a.startsWith('--edge-port='))?.slice('--edge-port='.length);
  const [capture, syncFile] = args.filter((a) => !a.startsWith('--'));
  if (capture === undefined || (edgePort !== undefined && !/^\d+$/.test(edgePort))) {
    console.error('usage: npx tsx bench/sip-edge-hops.ts CAPTURE.pcapng [STRACE.txt] [--edge-port=SIP_UDP_PORT]');
    process.exit(2);
  }
  const messages = readCapture(capture);
  const first = messages[0]?.at ?? 0;
  const day = first - (first % 86_400_000);
  const syncs = syncFile === undefined ? [] : readSyncs(syncFile, day);
  const syncAfter = (t: number): [number, number] | undefined => syncs.find(([start]) => start >= t);
  const after = (from: number | undefined, test: (m: Message) => boolean) => (from === undefined ? undefined : messages.find((m) => m.at >= from && test(m))?.at);

  // Other SIP edges on the machine (other runs) appear in the capture too: --edge-port keeps this run's.
  const toEdge = edgePort === undefined ? /^INVITE sip:\+/ : new RegExp(`^INVITE sip:\\+[^ ]*@[^ ]*:${edgePort}[; ]`);
  const invites = messages.filter((m) => m.transport === 'udp' && toEdge.test(m.text) && /\r\nCall-ID:\s*\S+@127\.0\.0\.1/i.test(m.text));
  const inviteRows: number[][] = [];
  const answerRows: number[][] = [];
  const seen = new Set<string>();
  for (const invite of invites) {
    const callId = /\r\nCall-ID:\s*(\S+)/i.exec(invite.text)![1];
    if (seen.has(callId)) continue; // a retransmission
    seen.add(callId);
    const agentInvite = messages.find((m) => m.at >= invite.at && m.transport === 'ws-from-server' && m.text.startsWith('INVITE ') && m.text.includes(callId));
    const workitemId = agentInvite && /\r\nX-Workitem-Id:\s*(\S+)/i.exec(agentInvite.text)?.[1];
    if (agentInvite === undefined || workitemId === undefined) continue;
    const evapi = after(invite.at, (m) => m.transport === 'tcp' && m.text.includes('"event":"invite"') && m.text.includes(callId));
    const offered = after(evapi, (m) => m.transport === 'ws-from-server' && m.text.includes('workitem.offered') && m.text.includes(workitemId));
    if (evapi === undefined || offered === undefined) continue;
    const offerSync = syncAfter(evapi);
    inviteRows.push([
      evapi - invite.at,
      offerSync ? offerSync[0] - evapi : NaN,
      offerSync ? offerSync[1] - offerSync[0] : NaN,
      offerSync ? offered - offerSync[1] : NaN,
      offered - evapi,
      offered - invite.at,
    ]);

    const post = after(offered, (m) => m.transport === 'tcp' && m.text.startsWith(`POST /v1/workitems/${workitemId}/accept`));
    const connect = after(post, (m) => m.transport === 'tcp' && m.text.includes('"action":"connect"') && m.text.includes(workitemId));
    const ngOffer = after(connect, (m) => m.transport === 'udp' && m.text.includes('7:command5:offer') && m.text.includes(callId));
    const ok = after(agentInvite.at, (m) => m.transport === 'ws-from-client' && m.text.startsWith('SIP/2.0 200') && m.text.includes(callId) && /\r\nCSeq:\s*\d+ INVITE/i.test(m.text));
    const ngAnswer = after(ok, (m) => m.transport === 'udp' && m.text.includes('7:command6:answer') && m.text.includes(callId));
    const okToCaller = after(ok, (m) => m.transport === 'udp' && m.text.startsWith('SIP/2.0 200') && m.text.includes(callId) && /\r\nCSeq:\s*\d+ INVITE/i.test(m.text));
    const missing = [post, connect, ngOffer, ok, ngAnswer, okToCaller].findIndex((t) => t === undefined);
    if (process.env.HOPS_DEBUG && missing >= 0) console.log(callId, "missing", missing);
    if (missing >= 0) continue;
    const [p, c, no, o, na, oc] = [post, connect, ngOffer, ok, ngAnswer, okToCaller] as number[];
    const acceptSync = syncAfter(p);
    answerRows.push([
      acceptSync ? acceptSync[0] - p : NaN,
      acceptSync ? acceptSync[1] - acceptSync[0] : NaN,
      acceptSync ? c - acceptSync[1] : NaN,
      c - p,
      no - c,
      agentInvite.at - no,
      o - agentInvite.at,
      na - o,
      oc - na,
      oc - p,
    ]);
  }
  const print = (title: string, names: readonly string[], rows: number[][]) => {
    console.log(`${title}: ${rows.length} calls`);
    names.forEach((name, i) => {
      const values = rows.map((r) => r[i]).filter((v) => !Number.isNaN(v));
      if (values.length === 0) return;
      console.log(`  ${name.padEnd(86)} p50 ${percentile(values, 50).toFixed(1).padStart(6)} ms   p95 ${percentile(values, 95).toFixed(1).padStart(6)} ms`);
    });
  };
  print('INVITE → offered', INVITE_HOPS, inviteRows);
  print('accept → 200 OK', ANSWER_HOPS, answerRows);
  if (syncs.length > 0) {
    const durations = syncs.map(([s, e]) => e - s);
    console.log(`fdatasync of the platform's WAL: ${syncs.length} calls, p50 ${percentile(durations, 50).toFixed(1)} ms, p95 ${percentile(durations, 95).toFixed(1)} ms`);
  }
}

main();
