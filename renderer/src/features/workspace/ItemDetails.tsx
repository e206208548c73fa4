import type { WorkItem } from '../../../../common/workitem';
import { TruncatedText } from '../../ui/TruncatedText';
import { KindBadge } from '../inbox/KindBadge';
import { displaySubject, stateLabel } from '../inbox/itemLabels';
import { ItemFacts } from './ItemFacts';

/** An item the agent opened from the inbox that is not being worked (queued, offered, finished): read only. */
export function ItemDetails({ item }: { item: WorkItem }) {
  const titleId = `details-${item.workitemId}-title`;
  return (
    <section className="card work-panel" aria-labelledby={titleId} data-testid="item-details" data-workitem-id={item.workitemId} data-state={item.state}>
      <header className="card-header">
        <h2 id={titleId} className="item-title">
          <TruncatedText text={displaySubject(item)} /> <KindBadge kind={item.type} />
        </h2>
        <span className={`state state-${item.state}`}>{stateLabel(item.state)}</span>
      </header>
      <ItemFacts item={item} />
    </section>
  );
}
