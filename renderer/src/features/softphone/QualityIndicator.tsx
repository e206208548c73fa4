import type { CallQuality, QualityWarning } from '../../../../common/call-quality';
import { QUALITY_LIMITS } from '../../../../common/call-quality';

const WARNING_TEXT: Record<QualityWarning, string> = {
  rtt: `delay over ${QUALITY_LIMITS.rttMs} ms`,
  jitter: `jitter over ${QUALITY_LIMITS.jitterMs} ms`,
  loss: `packet loss over ${QUALITY_LIMITS.lossPercent} %`,
  mos: `estimated quality below ${QUALITY_LIMITS.mos}`,
};

function verdict(quality: CallQuality): 'good' | 'poor' {
  return quality.warnings.length === 0 ? 'good' : 'poor';
}

const fmt = (value: number | null, unit: string) => (value === null ? '—' : `${Math.round(value)} ${unit}`);

/** The call's quality, live: MOS and the three figures; the warnings spelled out. */
export function QualityIndicator({ quality }: { quality: CallQuality | null }) {
  if (quality === null) {
    return (
      <p className="call-quality muted" data-testid="call-quality" data-verdict="unknown">
        Measuring call quality…
      </p>
    );
  }
  const state = verdict(quality);
  return (
    <div className={`call-quality quality-${state}`} data-testid="call-quality" data-verdict={state} data-packets-received={quality.packetsReceived}>
      <dl className="quality-figures" aria-label="Call quality">
        <dt>MOS</dt>
        <dd data-testid="quality-mos">{quality.mos.toFixed(1)}</dd>
        <dt>Delay</dt>
        <dd data-testid="quality-rtt">{fmt(quality.rttMs, 'ms')}</dd>
        <dt>Jitter</dt>
        <dd data-testid="quality-jitter">{fmt(quality.jitterMs, 'ms')}</dd>
        <dt>Loss</dt>
        <dd data-testid="quality-loss">{quality.lossPercent.toFixed(1)} %</dd>
      </dl>
      <p className="quality-warning" role="status">
        {quality.warnings.length > 0 ? `Poor call quality: ${quality.warnings.map((w) => WARNING_TEXT[w]).join(', ')}.` : ''}
      </p>
    </div>
  );
}
