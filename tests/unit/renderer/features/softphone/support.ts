/** Softphone test data: CallViews and whole softphone views as the core pushes them. */
import type { CallView, SoftphoneView } from '../../../../../common/softphone-api';

export function callView(overrides: Partial<CallView> = {}): CallView {
  return {
    id: 'c1',
    workitemId: null,
    direction: 'inbound',
    remoteNumber: '+14155550123',
    remoteName: null,
    state: 'active',
    held: false,
    muted: false,
    reconnecting: false,
    autoAnswer: false,
    conferencedWith: [],
    startedAt: 1_000,
    answeredAt: 2_000,
    endedAt: null,
    outcome: null,
    endReason: null,
    quality: null,
    ...overrides,
  };
}

export function softphoneView(calls: CallView[], devices: Partial<SoftphoneView['devices']> = {}): SoftphoneView {
  return {
    registration: { state: 'registered', since: 0, retryAt: null, error: null, uri: 'sip:agent1@example.test' },
    mediaEngineAttached: true,
    iceServers: [],
    devices: { microphone: null, speaker: null, ringer: null, ...devices },
    calls,
  };
}
