/** Reading the few SDP facts the media tests assert on, and the edits rtpengine's SDP needs for werift. */

export type MediaDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

/** The audio section's direction (its own attribute, else the session's, else sendrecv per RFC 4566). */
export function audioDirection(sdp: string): MediaDirection {
  const audio = audioSection(sdp);
  const session = sdp.split(/\r?\nm=/)[0];
  const find = (text: string): MediaDirection | undefined =>
    (/^a=(sendrecv|sendonly|recvonly|inactive)\s*$/m.exec(text)?.[1] as MediaDirection | undefined) ?? undefined;
  return find(audio) ?? find(session) ?? 'sendrecv';
}

/** The payload type an SDP maps to ENCODING/RATE (e.g. telephone-event/8000), or undefined. */
export function payloadTypeOf(sdp: string, encoding: string, clockRate: number): number | undefined {
  const re = new RegExp(`^a=rtpmap:(\\d+) ${encoding}/${clockRate}(?:/\\d+)?\\s*$`, 'im');
  const match = re.exec(audioSection(sdp));
  return match ? Number(match[1]) : undefined;
}

/** The audio m-line's port and transport profile, e.g. {port: 45012, profile: 'RTP/AVP'}. */
export function audioMedia(sdp: string): { port: number; profile: string; address: string } {
  const m = /^m=audio (\d+) (\S+)/m.exec(sdp);
  if (!m) throw new Error('SDP without an audio m-line');
  const audio = audioSection(sdp);
  const c = /^c=IN IP[46] (\S+)/m.exec(audio) ?? /^c=IN IP[46] (\S+)/m.exec(sdp);
  return { port: Number(m[1]), profile: m[2], address: c?.[1] ?? '' };
}

function audioSection(sdp: string): string {
  const start = sdp.search(/^m=audio /m);
  if (start < 0) return '';
  const rest = sdp.slice(start);
  const next = rest.slice(1).search(/^m=/m);
  return next < 0 ? rest : rest.slice(0, next + 1);
}

/**
 * werift (0.25) cannot parse two things rtpengine writes when the customer's offer had them missing:
 * a port-only `a=rtcp:PORT` and a media section without `a=mid`. Both are harmless to add back:
 * rtcp-mux is offered anyway, and a single audio section is mid 0 by BUNDLE convention.
 */
export function remoteSdpForWerift(sdp: string): string {
  let out = sdp.replace(/^a=rtcp:(\d+)\s*$/gm, 'a=rtcp:$1 IN IP4 0.0.0.0');
  // Attributes come last in a media section, so the single audio section's mid goes at the very end.
  if (!/^a=mid:/m.test(out)) out = out.replace(/(\r?\n)?$/, '\r\na=mid:0\r\n');
  return out;
}

/** Keeps only the loopback host candidates: the tests' whole world is 127.0.0.1, and rtpengine listens there only. */
export function loopbackCandidatesOnly(sdp: string): string {
  return sdp
    .split(/\r\n/)
    .filter((line) => !line.startsWith('a=candidate:') || / 127\.0\.0\.1 \d+ typ host/.test(line))
    .join('\r\n');
}
