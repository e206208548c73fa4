import { describe, expect, it } from 'vitest';
import { pickTarget, queueChoiceLabel } from '../../../../../renderer/src/features/targets/pickTarget';

describe('pickTarget (the Transfer and Reassign dialogs)', () => {
  it('builds the target of each kind, or says what is missing', () => {
    expect(pickTarget({ kind: 'queue', queueId: 'billing', text: '' })).toEqual({ ok: true, target: { queueId: 'billing' } });
    expect(pickTarget({ kind: 'queue', queueId: '', text: 'ignored' })).toEqual({ ok: false, message: 'Choose a queue.' });
    expect(pickTarget({ kind: 'agent', queueId: 'billing', text: ' agent2 ' })).toEqual({ ok: true, target: { agentUsername: 'agent2' } });
    expect(pickTarget({ kind: 'agent', queueId: '', text: ' ' })).toEqual({ ok: false, message: "Enter the agent's username." });
    expect(pickTarget({ kind: 'number', queueId: '', text: '  ' })).toEqual({ ok: false, message: 'Enter the number.' });
    expect(pickTarget({ kind: 'number', queueId: '', text: '+14155550100' })).toEqual({ ok: true, target: { number: '+14155550100' } });
  });

  it('lists a queue with how many agents are available there', () => {
    expect(queueChoiceLabel({ name: 'Billing', agentsAvailable: 2 })).toBe('Billing (2 available)');
    expect(queueChoiceLabel({ name: 'Support', agentsAvailable: 0 })).toBe('Support (0 available)');
  });
});
