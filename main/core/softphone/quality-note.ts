/**
 * A call's quality kept with its work item's activity: the media engine reports getStats figures while the
 * call lasts (`reportCallQuality`); when the call ends, their summary becomes a note on the item, so a
 * supervisor reading the item later sees how the call sounded.
 */
import type { CallQuality } from '../../../common/softphone-api';

export type QualitySummary = {
  samples: number;
  mosAverage: number | null;
  mosMin: number | null;
  rttMaxMs: number | null;
  jitterMaxMs: number | null;
  lossMaxPercent: number | null;
};

function worst(values: (number | null)[], pick: (a: number, b: number) => number): number | null {
  const present = values.filter((value): value is number => value !== null);
  // not `reduce(pick)`: reduce passes the index and the array too, and Math.max of those is NaN
  return present.length === 0 ? null : present.reduce((a, b) => pick(a, b));
}

export function summarizeSamples(samples: readonly CallQuality[]): QualitySummary {
  const mos = samples.map((s) => s.mos).filter((value): value is number => value !== null);
  return {
    samples: samples.length,
    mosAverage: mos.length === 0 ? null : mos.reduce((a, b) => a + b, 0) / mos.length,
    mosMin: worst(samples.map((s) => s.mos), Math.min),
    rttMaxMs: worst(samples.map((s) => s.rttMs), Math.max),
    jitterMaxMs: worst(samples.map((s) => s.jitterMs), Math.max),
    lossMaxPercent: worst(samples.map((s) => s.lossPercent), Math.max),
  };
}

const figure = (value: number | null, digits: number, unit: string): string => (value === null ? 'n/a' : `${value.toFixed(digits)}${unit}`);

/** The note's text, e.g. "Call quality: MOS 4.3 average, 4.1 worst; RTT up to 20 ms; jitter up to 3 ms; loss up to 0.0 % (12 samples)". */
export function qualityNote(summary: QualitySummary): string {
  return `Call quality: MOS ${figure(summary.mosAverage, 1, '')} average, ${figure(summary.mosMin, 1, '')} worst; ` +
    `RTT up to ${figure(summary.rttMaxMs, 0, ' ms')}; jitter up to ${figure(summary.jitterMaxMs, 0, ' ms')}; ` +
    `loss up to ${figure(summary.lossMaxPercent, 1, ' %')} (${summary.samples} samples)`;
}
