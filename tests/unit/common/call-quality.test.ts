import { describe, expect, it } from 'vitest';
import {
  CallQualitySchema,
  measureQuality,
  mosFromR,
  rFactor,
  snapshotFromStats,
  summarizeQuality,
  type StatsSnapshot,
} from '../../../common/call-quality';

/** Entries shaped as Chromium's getStats() gives them (trimmed to the fields that matter, plus noise). */
function report(o: { received: number; lost: number; jitter?: number; rtt?: number; pairRtt?: number; fractionLost?: number }): unknown[] {
  return [
    { id: 'COT01_111', type: 'codec', mimeType: 'audio/PCMU', clockRate: 8000 },
    { id: 'IT01A', type: 'inbound-rtp', kind: 'audio', packetsReceived: o.received, packetsLost: o.lost, jitter: o.jitter, codecId: 'COT01_111', bytesReceived: o.received * 172 },
    { id: 'RIA', type: 'remote-inbound-rtp', kind: 'audio', roundTripTime: o.rtt, fractionLost: o.fractionLost, jitter: 0.002 },
    { id: 'CPa', type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: o.pairRtt },
    { id: 'CPb', type: 'candidate-pair', nominated: false, state: 'failed', currentRoundTripTime: 9 },
    { id: 'T01', type: 'transport', bytesSent: 100 },
    'not an object',
    null,
  ];
}

describe('snapshotFromStats', () => {
  it('reads counters, jitter, both round-trip times and the codec from a stats report', () => {
    const snap = snapshotFromStats(report({ received: 500, lost: 5, jitter: 0.004, rtt: 0.05, pairRtt: 0.001 }), 1000);
    expect(snap).toEqual({
      at: 1000,
      packetsReceived: 500,
      packetsLost: 5,
      inboundJitter: 0.004,
      remoteJitter: 0.002,
      remoteRoundTripTime: 0.05,
      candidatePairRoundTripTime: 0.001,
      codec: 'PCMU',
    });
  });
  it('skips entries whose fields have the wrong type instead of trusting them', () => {
    const snap = snapshotFromStats([{ type: 'inbound-rtp', kind: 'audio', packetsReceived: 'many' }, { type: 'remote-inbound-rtp', roundTripTime: -1 }], 0);
    expect(snap).toEqual({ at: 0, packetsReceived: 0, packetsLost: 0 });
  });
  it('ignores video streams', () => {
    const snap = snapshotFromStats([{ type: 'inbound-rtp', kind: 'video', packetsReceived: 900, packetsLost: 90 }], 0);
    expect(snap.packetsReceived).toBe(0);
  });
});

describe('the E-model', () => {
  it('gives G.107 default conditions (R = 93.2) a MOS of 4.41', () => {
    expect(mosFromR(93.2)).toBeCloseTo(4.41, 2);
  });
  it('clamps MOS to 1..4.5', () => {
    expect(mosFromR(-5)).toBe(1);
    expect(mosFromR(120)).toBe(4.5);
    expect(mosFromR(50)).toBeCloseTo(2.575, 3);
  });
  it('loses rating with delay, steeply past 177.3 ms one way', () => {
    expect(rFactor(0, 0)).toBeCloseTo(93.2, 5);
    expect(rFactor(100, 0)).toBeCloseTo(90.8, 5);
    // 10 ms more delay costs 0.24 below the knee and 1.34 above it.
    expect(rFactor(167, 0) - rFactor(177, 0)).toBeCloseTo(0.24, 5);
    expect(rFactor(290, 0) - rFactor(300, 0)).toBeCloseTo(1.34, 5);
  });
  it('loses rating with packet loss, following G.711 with concealment (Bpl 25.1)', () => {
    expect(rFactor(0, 1)).toBeCloseTo(93.2 - 95 / 26.1, 5);
    expect(rFactor(0, 5)).toBeLessThan(rFactor(0, 1));
    expect(rFactor(0, 100)).toBeCloseTo(93.2 - 95 * 100 / 125.1, 5);
  });
});

describe('measureQuality', () => {
  const base: StatsSnapshot = { at: 0, packetsReceived: 1000, packetsLost: 0, inboundJitter: 0.002, remoteRoundTripTime: 0.02, codec: 'PCMU' };

  it('reports a clean call with a high MOS and no warnings', () => {
    const q = measureQuality(base, { ...base, at: 1000, packetsReceived: 1050 });
    expect(q).toEqual({ rttMs: 20, jitterMs: 2, lossPercent: 0, mos: 4.4, warnings: [], packetsReceived: 1050 });
    expect(CallQualitySchema.parse(q)).toEqual(q);
  });
  it('measures loss over the interval, not since the call began', () => {
    const later = { ...base, packetsReceived: 100_000, packetsLost: 0 };
    const q = measureQuality(later, { ...later, at: 1000, packetsReceived: 100_045, packetsLost: 5 });
    expect(q.lossPercent).toBe(10);
    expect(q.warnings).toContain('loss');
    expect(q.warnings).toContain('mos');
  });
  it('counts what the customer hears: the far end reports loss the agent cannot see', () => {
    const q = measureQuality(base, { ...base, at: 1000, packetsReceived: 1050, remoteFractionLost: 0.03 });
    expect(q.lossPercent).toBe(3);
    expect(q.warnings).toContain('loss');
  });
  it('warns at RTT over 400 ms and jitter over 30 ms, and not at the limits', () => {
    expect(measureQuality(base, { ...base, remoteRoundTripTime: 0.4, inboundJitter: 0.03 }).warnings).toEqual([]);
    const bad = measureQuality(base, { ...base, remoteRoundTripTime: 0.41, inboundJitter: 0.031 });
    expect(bad.warnings).toEqual(expect.arrayContaining(['rtt', 'jitter']));
  });
  it('falls back to the candidate pair RTT before the first RTCP report', () => {
    const { remoteRoundTripTime: _unused, ...noRtcp } = base;
    expect(measureQuality(undefined, { ...noRtcp, candidatePairRoundTripTime: 0.003 }).rttMs).toBe(3);
    expect(measureQuality(undefined, { at: 0, packetsReceived: 0, packetsLost: 0 })).toEqual({ rttMs: null, jitterMs: null, lossPercent: 0, mos: 4.4, warnings: [], packetsReceived: 0 });
  });
  it('restarts the loss count when the counters go backwards (a replaced transceiver)', () => {
    const q = measureQuality(base, { ...base, at: 1000, packetsReceived: 99, packetsLost: 1 });
    expect(q.lossPercent).toBe(1);
  });
});

describe('summarizeQuality', () => {
  it('keeps the worst and the average of a call, and every warning that fired', () => {
    const summary = summarizeQuality([
      { rttMs: 20, jitterMs: 2, lossPercent: 0, mos: 4.4, warnings: [], packetsReceived: 50 },
      { rttMs: 450, jitterMs: null, lossPercent: 2, mos: 3.2, warnings: ['rtt', 'loss', 'mos'], packetsReceived: 90 },
    ]);
    expect(summary).toEqual({ samples: 2, mosAverage: 3.8, mosMin: 3.2, rttMaxMs: 450, jitterMaxMs: 2, lossMaxPercent: 2, warnings: ['rtt', 'loss', 'mos'] });
  });
  it('is null for a call that ended before its first sample', () => {
    expect(summarizeQuality([])).toBeNull();
  });
});
