import { useEffect } from 'react';
import type { WorkItem } from '../../../../common/workitem';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { TruncatedText } from '../../ui/TruncatedText';
import { KindBadge } from '../inbox/KindBadge';
import { displaySubject, stateLabel } from '../inbox/itemLabels';
import { selectWrapUpItems } from '../inbox/inboxSelectors';
import { isTyping } from '../offers/offerKeys';
import { useKeymap } from '../shortcuts/useKeymap';
import { nextOpenItem } from './openItemKeys';
import { itemSelected } from './workspaceEvents';
import { selectActiveGroup, selectHoldGroup, selectOpenItems, selectSelectedItem } from './workspaceSelectors';

/** The items being worked, in three groups (Active, On hold, Wrap-up); one click or Alt+↑/↓ puts one in the centre. */
export function WorkList() {
  const dispatch = useAppDispatch();
  const active = useAppSelector(selectActiveGroup);
  const held = useAppSelector(selectHoldGroup);
  const wrapUps = useAppSelector(selectWrapUpItems);
  const open = useAppSelector(selectOpenItems);
  const selected = useAppSelector(selectSelectedItem);
  const keymap = useKeymap();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = nextOpenItem(event, open, selected?.workitemId ?? null, isTyping(document.activeElement), keymap);
      if (target === null) return;
      event.preventDefault();
      dispatch(itemSelected({ workitemId: target }));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch, open, selected, keymap]);

  return (
    <nav className="work-list" aria-label="Current work" data-testid="work-list">
      <WorkGroup title="Active" items={active} selectedId={selected?.workitemId ?? null} empty="Nothing active." />
      <WorkGroup title="On hold" items={held} selectedId={selected?.workitemId ?? null} empty={null} />
      <WorkGroup title="Wrap-up" items={wrapUps} selectedId={selected?.workitemId ?? null} empty={null} />
    </nav>
  );
}

type GroupProps = { title: string; items: readonly WorkItem[]; selectedId: string | null; empty: string | null };

function WorkGroup({ title, items, selectedId, empty }: GroupProps) {
  const dispatch = useAppDispatch();
  if (items.length === 0 && empty === null) return null;
  const headingId = `work-group-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section className="work-group" aria-labelledby={headingId}>
      <h2 id={headingId} className="group-title">
        {title} <span className="count">{items.length}</span>
      </h2>
      {items.length === 0 ? (
        <p className="muted group-empty">{empty}</p>
      ) : (
        <ul className="work-entries">
          {items.map((item) => (
            <li key={item.workitemId}>
              <button
                type="button"
                className="work-entry"
                aria-current={item.workitemId === selectedId ? 'true' : undefined}
                data-testid="work-entry"
                data-workitem-id={item.workitemId}
                onClick={() => dispatch(itemSelected({ workitemId: item.workitemId }))}
              >
                <span className="work-entry-line">
                  <TruncatedText text={displaySubject(item)} className="work-entry-subject" /> <KindBadge kind={item.type} />
                </span>
                <span className={`state state-${item.state}`}>{stateLabel(item.state)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
