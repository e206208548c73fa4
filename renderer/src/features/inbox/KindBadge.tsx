import type { Kind } from '../../../../common/vocabulary';
import { kindBadge } from './itemLabels';

/** The purple badge of task-like kinds (TASK, CALLBACK, …); live conversations carry none. */
export function KindBadge({ kind }: { kind: Kind }) {
  const badge = kindBadge(kind);
  return badge ? <span className="badge badge-kind" data-testid="kind-badge">{badge}</span> : null;
}
