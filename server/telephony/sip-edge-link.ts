/** Wires the call service to the edge's control channel (one per platform with a `sip` block). */
import type { Logger } from 'pino';
import type { SipConfig } from '../config';
import type { Core } from '../service/core';
import type { WorkItemService } from '../service/workitems';
import { CallService } from './call-service';
import { ControlChannel } from './control-channel';
import { RtpengineControl } from './rtpengine-ng';

export interface SipEdgeLink {
  calls: CallService;
  channel: ControlChannel;
  close(): void;
}

export function connectSipEdge(core: Core, workitems: WorkItemService, sip: SipConfig, log: Logger): SipEdgeLink {
  let channel: ControlChannel | undefined;
  const media = new RtpengineControl(sip.ngPort, log, sip.controlHost);
  const calls = new CallService(core, workitems, (command) => channel?.send(command) ?? false, media);
  channel = new ControlChannel(sip.controlPort, (message) => calls.onEdgeMessage(message), log, sip.controlHost);
  channel.onConnected = () => calls.resendUnsent();
  channel.start();
  const connected = channel;
  return {
    calls,
    channel: connected,
    close: () => {
      connected.close();
      media.close();
    },
  };
}
