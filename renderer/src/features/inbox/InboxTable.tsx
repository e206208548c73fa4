import type { WorkItem } from '../../../../common/workitem';
import { useAppDispatch } from '../../app/hooks';
import { TruncatedText } from '../../shared/TruncatedText';
import { itemSelected } from '../workspace/workspaceEvents';
import { UnreadBadge } from '../chat/UnreadBadge';
import { DueDate } from './DueDate';
import { displaySubject, priorityLabel, stateLabel } from './itemLabels';
import { KindBadge } from './KindBadge';

export function InboxTable({ rows, now }: { rows: readonly WorkItem[]; now: number }) {
  const dispatch = useAppDispatch();
  return (
    <table className="table" data-testid="inbox-table">
      <caption className="visually-hidden">Work items</caption>
      <thead>
        <tr>
          <th scope="col">Subject</th>
          <th scope="col">Contact</th>
          <th scope="col">State</th>
          <th scope="col">Priority</th>
          <th scope="col">Due</th>
          <th scope="col">Queue</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((item) => (
          <tr key={item.workitemId} data-testid="inbox-row" data-workitem-id={item.workitemId} data-state={item.state}>
            <th scope="row" className="subject">
              <button type="button" className="link-button" onClick={() => dispatch(itemSelected({ workitemId: item.workitemId }))}>
                <TruncatedText text={displaySubject(item)} className="subject-text" />
              </button>{' '}
              <KindBadge kind={item.type} />
              {item.type === 'chat' && <UnreadBadge count={item.unread} />}
            </th>
            <td>{item.contact.name ?? item.contact.phone ?? item.contact.email ?? <span className="muted">—</span>}</td>
            <td>
              <span className={`state state-${item.state}`}>{stateLabel(item.state)}</span>
            </td>
            <td>
              <span className={`priority priority-${item.priority}`}>{priorityLabel(item.priority)}</span>
            </td>
            <td>
              <DueDate dueAt={item.dueAt} now={now} />
            </td>
            <td>{item.queueId ?? <span className="muted">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
