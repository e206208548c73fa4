/**
 * The renderer's side of the boundary check: every answer and every pushed event from the desktop core is
 * checked against common/desktop-api.ts before the app sees it (requests are checked by the core). A
 * malformed answer resolves to an INTERNAL error naming the operation; a malformed event is dropped; both
 * are reported to `onViolation`, and neither reaches Redux.
 */
import {
  EVENT_NAMES,
  OPERATION_NAMES,
  subscriptionName,
  type ApiResult,
  type EventName,
  type EventPayload,
  type OperationName,
  type OperationRequest,
  type OperationResponse,
  type SwitchboardApi,
} from '../../../common/desktop-api';
import { checkEventPayload, checkOperationResult } from '../../../common/desktop-api-checks';

export type ContractViolation = { kind: 'answer' | 'event'; name: string; message: string };

function reportToConsole(violation: ContractViolation): void {
  console.error(`switchboard: ${violation.message}`);
}

export function validatedSwitchboard(api: SwitchboardApi, onViolation: (violation: ContractViolation) => void = reportToConsole): SwitchboardApi {
  const checked: Record<string, unknown> = {};

  function operation<N extends OperationName>(name: N) {
    const call = api[name] as (request: OperationRequest<N>) => Promise<unknown>;
    return async (request: OperationRequest<N>): Promise<ApiResult<OperationResponse<N>>> => {
      let received: unknown;
      try {
        received = await call(request);
      } catch (error) {
        // A transport must answer with a result; a throw is reported like any other malformed answer.
        received = error instanceof Error ? error.message : String(error);
      }
      const checked = checkOperationResult(name, received);
      if (checked.violation !== null) onViolation({ kind: 'answer', name, message: checked.violation });
      return checked.result;
    };
  }

  function subscription<N extends EventName>(event: N) {
    const subscribe = api[subscriptionName(event)] as unknown as (listener: (payload: unknown) => void) => () => void;
    return (listener: (payload: EventPayload<N>) => void) =>
      subscribe((payload) => {
        const result = checkEventPayload(event, payload);
        if (result.ok) listener(result.payload);
        else onViolation({ kind: 'event', name: event, message: result.message });
      });
  }

  for (const name of OPERATION_NAMES) checked[name] = operation(name);
  for (const event of EVENT_NAMES) checked[subscriptionName(event)] = subscription(event);
  // Built from the two lists, so the result has exactly SwitchboardApi's members.
  return checked as SwitchboardApi;
}
