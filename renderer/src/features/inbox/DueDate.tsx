import { dueLabel, dueTitle } from './itemLabels';

export function DueDate({ dueAt, now }: { dueAt: number | null; now: number }) {
  const label = dueLabel(dueAt, now);
  if (label === null) return <span className="muted" aria-label="No due date">—</span>;
  return (
    <time className={label === 'Overdue' ? 'due due-overdue' : 'due'} dateTime={new Date(dueAt!).toISOString()} title={dueTitle(dueAt) ?? undefined}>
      {label}
    </time>
  );
}
