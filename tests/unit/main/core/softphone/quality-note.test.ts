import { describe, expect, it } from 'vitest';
import { qualityNote, summarizeSamples } from '../../../../../main/core/softphone/quality-note';

describe('a call\'s quality as a note on its work item', () => {
  it('summarises the samples: average and worst MOS, worst RTT, jitter and loss', () => {
    const summary = summarizeSamples([
      { rttMs: 20, jitterMs: 3, lossPercent: 0, mos: 4.4, at: 1 },
      { rttMs: 450, jitterMs: null, lossPercent: 2.5, mos: 3.2, at: 2 },
      { rttMs: null, jitterMs: 12, lossPercent: null, mos: null, at: 3 },
    ]);
    expect(summary.mosAverage).toBeCloseTo(3.8, 10);
    expect({ ...summary, mosAverage: null }).toEqual({ samples: 3, mosAverage: null, mosMin: 3.2, rttMaxMs: 450, jitterMaxMs: 12, lossMaxPercent: 2.5 });
    expect(qualityNote(summary)).toBe('Call quality: MOS 3.8 average, 3.2 worst; RTT up to 450 ms; jitter up to 12 ms; loss up to 2.5 % (3 samples)');
  });

  it('says n/a for a figure never measured', () => {
    expect(qualityNote(summarizeSamples([{ rttMs: null, jitterMs: null, lossPercent: null, mos: null, at: 1 }]))).toBe(
      'Call quality: MOS n/a average, n/a worst; RTT up to n/a; jitter up to n/a; loss up to n/a (1 samples)',
    );
  });
});
