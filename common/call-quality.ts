/**
 * Call quality from WebRTC statistics: round-trip time, jitter, packet loss and a MOS estimate.
 *
 * The media engine polls `RTCPeerConnection.getStats()` once a second and hands the entries here as plain
 * records. Loss is measured over the interval between two snapshots (a cumulative ratio would hide a
 * burst ten minutes into a call); RTT and jitter are the latest values the browser reports.
 *
 * The MOS is the simplified E-model (ITU-T G.107 with the defaults of G.107 §7 and the delay impairment
 * approximation of Cole & Rosenbluth, 2001), the same reduction Twilio, Genesys and callstats.io use for
 * WebRTC calls: R = 93.2 − Id − Ie,eff, then G.107 Annex B maps R to MOS.
 */
import { z } from 'zod';

/** Thresholds above which the agent is warned (issue 9). */
export const QUALITY_LIMITS = {
  rttMs: 400,
  jitterMs: 30,
  lossPercent: 1,
  mos: 3.5,
} as const;

const finite = z.number().finite();

/** The fields read from each stats entry type; anything else in the report is ignored. */
const InboundRtpSchema = z.object({
  type: z.literal('inbound-rtp'),
  kind: z.string().optional(),
  packetsReceived: finite.nonnegative().optional(),
  packetsLost: finite.optional(),
  jitter: finite.nonnegative().optional(),
  codecId: z.string().optional(),
});
const RemoteInboundRtpSchema = z.object({
  type: z.literal('remote-inbound-rtp'),
  kind: z.string().optional(),
  roundTripTime: finite.nonnegative().optional(),
  jitter: finite.nonnegative().optional(),
  fractionLost: finite.min(0).max(1).optional(),
});
const CandidatePairSchema = z.object({
  type: z.literal('candidate-pair'),
  nominated: z.boolean().optional(),
  state: z.string().optional(),
  currentRoundTripTime: finite.nonnegative().optional(),
});
const CodecSchema = z.object({ type: z.literal('codec'), id: z.string(), mimeType: z.string() });

/** What one getStats() call says about the call's audio, reduced to the figures the maths needs. */
export type StatsSnapshot = {
  /** Milliseconds, from the caller's clock (performance.now() or Date.now(); only differences matter). */
  at: number;
  packetsReceived: number;
  packetsLost: number;
  /** Seconds, as WebRTC reports it. Undefined when the browser has not measured it yet. */
  inboundJitter?: number;
  remoteJitter?: number;
  /** From the far end's RTCP receiver reports (what the customer hears). */
  remoteFractionLost?: number;
  remoteRoundTripTime?: number;
  candidatePairRoundTripTime?: number;
  codec?: string;
};

/**
 * Reads the audio figures out of a stats report's entries (`[...report.values()]`). Entries that are not
 * audio, or whose fields have the wrong type, are skipped rather than trusted.
 */
export function snapshotFromStats(entries: Iterable<unknown>, at: number): StatsSnapshot {
  const snapshot: StatsSnapshot = { at, packetsReceived: 0, packetsLost: 0 };
  const codecs = new Map<string, string>();
  let codecId: string | undefined;
  for (const entry of entries) {
    const codec = CodecSchema.safeParse(entry);
    if (codec.success) codecs.set(codec.data.id, codec.data.mimeType);
    const inbound = InboundRtpSchema.safeParse(entry);
    if (inbound.success && inbound.data.kind !== 'video') {
      snapshot.packetsReceived += inbound.data.packetsReceived ?? 0;
      snapshot.packetsLost += Math.max(0, inbound.data.packetsLost ?? 0);
      if (inbound.data.jitter !== undefined) snapshot.inboundJitter = inbound.data.jitter;
      codecId = inbound.data.codecId ?? codecId;
      continue;
    }
    const remote = RemoteInboundRtpSchema.safeParse(entry);
    if (remote.success && remote.data.kind !== 'video') {
      if (remote.data.roundTripTime !== undefined) snapshot.remoteRoundTripTime = remote.data.roundTripTime;
      if (remote.data.jitter !== undefined) snapshot.remoteJitter = remote.data.jitter;
      if (remote.data.fractionLost !== undefined) snapshot.remoteFractionLost = remote.data.fractionLost;
      continue;
    }
    const pair = CandidatePairSchema.safeParse(entry);
    // Several pairs exist while ICE checks run; only the nominated, succeeded one carries the call.
    if (pair.success && pair.data.nominated === true && pair.data.state === 'succeeded' && pair.data.currentRoundTripTime !== undefined) {
      snapshot.candidatePairRoundTripTime = pair.data.currentRoundTripTime;
    }
  }
  const mimeType = codecId === undefined ? undefined : codecs.get(codecId);
  if (mimeType !== undefined) snapshot.codec = mimeType.replace(/^audio\//i, '').toUpperCase();
  return snapshot;
}

export type QualityWarning = 'rtt' | 'jitter' | 'loss' | 'mos';

export type CallQuality = {
  /** Null until the browser has measured it (RTT needs an RTCP round trip). */
  rttMs: number | null;
  jitterMs: number | null;
  lossPercent: number;
  mos: number;
  warnings: QualityWarning[];
  /** audio packets received since the call began: proof that sound arrives, for the screen and tests */
  packetsReceived: number;
};

/** Serialisable so it can sit in Redux and travel to main. */
export const CallQualitySchema = z.object({
  rttMs: z.number().nonnegative().nullable(),
  jitterMs: z.number().nonnegative().nullable(),
  lossPercent: z.number().min(0).max(100),
  mos: z.number().min(1).max(4.5),
  warnings: z.array(z.enum(['rtt', 'jitter', 'loss', 'mos'])),
  packetsReceived: z.number().int().nonnegative(),
});

/** Impairment of a codec with packet-loss concealment (ITU-T G.113 Appendix I): Ie and Bpl. */
type CodecImpairment = { ie: number; bpl: number };
const CODEC_IMPAIRMENT: Record<string, CodecImpairment> = {
  PCMU: { ie: 0, bpl: 25.1 },
  PCMA: { ie: 0, bpl: 25.1 },
  // Opus is not in G.113; at the bitrates WebRTC uses it is at least as good as G.711 with PLC, which is
  // what Twilio and callstats assume too. Treating it as G.711 never flatters a bad call.
  OPUS: { ie: 0, bpl: 25.1 },
  G722: { ie: 0, bpl: 25.1 },
};
const DEFAULT_IMPAIRMENT: CodecImpairment = { ie: 0, bpl: 25.1 };

/** Fixed one-way delay of packetisation and the codec's look-ahead (20 ms frames), in milliseconds. */
const CODEC_DELAY_MS = 10;

/** The E-model's transmission rating R for a one-way delay, a loss percentage and a codec. */
export function rFactor(oneWayDelayMs: number, lossPercent: number, codec?: string): number {
  const { ie, bpl } = (codec !== undefined && CODEC_IMPAIRMENT[codec.toUpperCase()]) || DEFAULT_IMPAIRMENT;
  const d = Math.max(0, oneWayDelayMs);
  // Delay impairment (Cole & Rosenbluth's fit of G.107's Idd): mild below 177.3 ms, steep above it.
  const id = 0.024 * d + (d > 177.3 ? 0.11 * (d - 177.3) : 0);
  // Effective equipment impairment with random loss (BurstR = 1).
  const ppl = Math.min(100, Math.max(0, lossPercent));
  const ieEff = ie + ((95 - ie) * ppl) / (ppl + bpl);
  return 93.2 - id - ieEff;
}

/** G.107 Annex B: R to the estimated mean opinion score, 1 to 4.5. */
export function mosFromR(r: number): number {
  if (r <= 0) return 1;
  if (r >= 100) return 4.5;
  return 1 + 0.035 * r + r * (r - 60) * (100 - r) * 7e-6;
}

function toMs(seconds: number | undefined): number | null {
  return seconds === undefined ? null : seconds * 1000;
}

/** Loss in the interval between two snapshots, in percent of the packets that should have arrived. */
function intervalLossPercent(previous: StatsSnapshot | undefined, current: StatsSnapshot): number {
  if (previous === undefined) {
    const expected = current.packetsReceived + current.packetsLost;
    return expected === 0 ? 0 : (100 * current.packetsLost) / expected;
  }
  const received = current.packetsReceived - previous.packetsReceived;
  const lost = current.packetsLost - previous.packetsLost;
  // Counters restart when a transceiver is replaced (renegotiation): measure from scratch then.
  if (received < 0 || lost < 0) return intervalLossPercent(undefined, current);
  const expected = received + lost;
  return expected === 0 ? 0 : (100 * lost) / expected;
}

/**
 * The call's quality now, from the previous snapshot (undefined for the first) and the current one.
 * Both directions count: what the agent receives (inbound-rtp) and what the customer receives (the far
 * end's RTCP receiver reports); the worse of the two is what the call sounds like to someone.
 */
export function measureQuality(previous: StatsSnapshot | undefined, current: StatsSnapshot): CallQuality {
  // RTCP's RTT is end to end (through the media relay); the candidate pair's is only to the relay.
  const rttMs = toMs(current.remoteRoundTripTime ?? current.candidatePairRoundTripTime);
  const jitters = [toMs(current.inboundJitter), toMs(current.remoteJitter)].filter((j): j is number => j !== null);
  const jitterMs = jitters.length === 0 ? null : Math.max(...jitters);
  const remoteLoss = current.remoteFractionLost === undefined ? 0 : current.remoteFractionLost * 100;
  const lossPercent = Math.min(100, Math.max(intervalLossPercent(previous, current), remoteLoss));
  // One-way delay: half the round trip, plus a jitter buffer of twice the jitter, plus the codec's own.
  const oneWayDelayMs = (rttMs ?? 0) / 2 + 2 * (jitterMs ?? 0) + CODEC_DELAY_MS;
  const mos = round(mosFromR(rFactor(oneWayDelayMs, lossPercent, current.codec)), 2);
  const quality: CallQuality = {
    rttMs: rttMs === null ? null : round(rttMs, 1),
    jitterMs: jitterMs === null ? null : round(jitterMs, 1),
    lossPercent: round(lossPercent, 2),
    mos,
    warnings: [],
    packetsReceived: current.packetsReceived,
  };
  quality.warnings = qualityWarnings(quality);
  return quality;
}

export function qualityWarnings(quality: Pick<CallQuality, 'rttMs' | 'jitterMs' | 'lossPercent' | 'mos'>): QualityWarning[] {
  const warnings: QualityWarning[] = [];
  if (quality.rttMs !== null && quality.rttMs > QUALITY_LIMITS.rttMs) warnings.push('rtt');
  if (quality.jitterMs !== null && quality.jitterMs > QUALITY_LIMITS.jitterMs) warnings.push('jitter');
  if (quality.lossPercent > QUALITY_LIMITS.lossPercent) warnings.push('loss');
  if (quality.mos < QUALITY_LIMITS.mos) warnings.push('mos');
  return warnings;
}

/** What is kept with a call's activity when it ends: the worst and the average of the samples. */
export type CallQualitySummary = {
  samples: number;
  mosAverage: number;
  mosMin: number;
  rttMaxMs: number | null;
  jitterMaxMs: number | null;
  lossMaxPercent: number;
  /** Every warning that fired at least once during the call. */
  warnings: QualityWarning[];
};

/** Null when the call never produced a sample (it ended before the first poll). */
export function summarizeQuality(samples: readonly CallQuality[]): CallQualitySummary | null {
  if (samples.length === 0) return null;
  const maxOf = (values: (number | null)[]): number | null => {
    const known = values.filter((v): v is number => v !== null);
    return known.length === 0 ? null : Math.max(...known);
  };
  const moses = samples.map((s) => s.mos);
  const warnings = new Set(samples.flatMap((s) => s.warnings));
  return {
    samples: samples.length,
    mosAverage: round(moses.reduce((a, b) => a + b, 0) / moses.length, 2),
    mosMin: Math.min(...moses),
    rttMaxMs: maxOf(samples.map((s) => s.rttMs)),
    jitterMaxMs: maxOf(samples.map((s) => s.jitterMs)),
    lossMaxPercent: Math.max(...samples.map((s) => s.lossPercent)),
    warnings: (['rtt', 'jitter', 'loss', 'mos'] as const).filter((w) => warnings.has(w)),
  };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
