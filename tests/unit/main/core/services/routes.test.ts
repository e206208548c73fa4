/** The core's services each answer their own operations; a missing or doubly answered one stops the start. */
import { describe, expect, it } from 'vitest';
import { OPERATION_NAMES } from '../../../../../common/desktop-api';
import type { CoreService, OperationHandlers } from '../../../../../main/core/services/context';
import { routeOperations } from '../../../../../main/core/services/routes';

/** A service answering `names` with a marker value, as a new capability (the softphone) would plug in. */
function service(name: string, names: readonly string[]): CoreService {
  const handlers = Object.fromEntries(names.map((operation) => [operation, () => `${name}:${operation}`])) as OperationHandlers;
  return { name, handlers };
}

describe('routeOperations', () => {
  it('routes each operation to the service that answers it', () => {
    const [first, ...rest] = OPERATION_NAMES;
    const routes = routeOperations([service('session', [first]), service('everything-else', rest)]);
    expect(routes.size).toBe(OPERATION_NAMES.length);
    expect(routes.get(first)?.({})).toBe(`session:${first}`);
    expect(routes.get(rest[0])?.({})).toBe(`everything-else:${rest[0]}`);
  });

  it('refuses an operation no service answers, naming it', () => {
    const missing = OPERATION_NAMES.filter((name) => name !== 'reportError');
    expect(() => routeOperations([service('all-but-one', missing)])).toThrow('no desktop-core service answers: reportError');
  });

  it('refuses an operation two services answer, naming both', () => {
    expect(() => routeOperations([service('items', OPERATION_NAMES), service('softphone', ['getSession'])])).toThrow(
      'the operation "getSession" is answered by both the items and the softphone service',
    );
  });
});
