import { describe, expect, it } from 'vitest';
import { customerHistory } from '../../../../../renderer/src/features/workspace/customerHistory';
import { workItem } from '../../fixtures';

const contact = (phone: string | null, email: string | null, name: string | null = null) => ({ name, phone, email });

describe("a customer's past items", () => {
  it('joins on phone or e-mail (case-insensitive), newest first, never the item itself', () => {
    const current = workItem({ contact: contact('+15550100', 'Ann@Example.com') });
    const byPhone = workItem({ contact: contact('+15550100', null), createdAt: 10 });
    const byEmail = workItem({ contact: contact(null, 'ann@example.com'), createdAt: 20 });
    const sameNameOnly = workItem({ contact: contact('+15550199', null, 'Ann') });
    expect(customerHistory(current, [current, byPhone, byEmail, sameNameOnly]).map((i) => i.workitemId)).toEqual([byEmail.workitemId, byPhone.workitemId]);
  });
  it('is empty for an item without a phone or e-mail', () => {
    const anonymous = workItem({ contact: contact(null, null, 'Ann') });
    expect(customerHistory(anonymous, [anonymous, workItem({ contact: contact(null, null, 'Ann') })])).toEqual([]);
  });
});
