/** The choices of the Create Task form's dropdowns (seed 000), with the labels agents see. */
import { CREATE_TASK_FORM_TYPES, type CreateTaskFormType } from '../../../../common/create-task-form';
import { DEFAULT_PRIORITY, ORIGIN_CHANNELS, PRIORITIES, PRIORITY_LABELS } from '../../../../common/vocabulary';

const TYPE_LABELS: Record<CreateTaskFormType, string> = { task: 'Task', callback: 'Callback', review: 'Review', approval: 'Approval' };

export const TYPE_CHOICES = CREATE_TASK_FORM_TYPES.map((value) => ({ value, label: TYPE_LABELS[value] }));
export const CHANNEL_CHOICES = ORIGIN_CHANNELS.map((value) => ({ value, label: value }));
/** "1 · Critical" … "5 · Normal (default)" … "8 · Low": the number is what reports and filters use. */
export const PRIORITY_CHOICES = PRIORITIES.map((value) => ({
  value: String(value),
  label: `${value} · ${PRIORITY_LABELS[value]}${value === DEFAULT_PRIORITY ? ' (default)' : ''}`,
}));
