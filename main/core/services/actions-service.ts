/**
 * Agent actions (accept, hold, hang up, create task, send message, set presence, …): every one goes
 * through the outbox (outbox/outbox.ts says what each resolves with), which answers with an ApiResult;
 * a refusal is passed on unchanged.
 */
import type { OperationResponse } from '../../../common/desktop-api';
import { ApiRefusal } from '../api-result';
import { OUTBOX_OPERATIONS, type OutboxOperation } from '../outbox/actions';
import type { Outbox } from '../outbox/outbox';
import type { CoreContext, CoreService, OperationHandler, OperationHandlers } from './context';

function submitting<N extends OutboxOperation>(outbox: Outbox, operation: N): OperationHandler<N> {
  return async (request) => {
    const result = await outbox.submit(operation, request as Record<string, unknown>);
    if (!result.ok) throw new ApiRefusal(result.error);
    // The outbox answers with the platform's validated answer or the optimistic value built from the same schemas.
    return result.value as OperationResponse<N>;
  };
}

export function actionsService({ outbox }: CoreContext): CoreService {
  const handlers = Object.fromEntries(OUTBOX_OPERATIONS.map((operation) => [operation, submitting(outbox, operation)])) as OperationHandlers;
  return { name: 'actions', handlers, stop: () => outbox.stop() };
}
