/**
 * Which service answers which operation. Every operation of common/desktop-api.ts must be answered by
 * exactly one service: a missing or doubly answered operation is a build mistake, refused at start with
 * the names, rather than an operation that silently answers NOT_FOUND or the wrong service winning.
 */
import { OPERATION_NAMES, type OperationName } from '../../../common/desktop-api';
import type { CoreService } from './context';

/** A handler as the router calls it: with a request its operation's schema has already parsed. */
export type RoutedHandler = (request: unknown) => unknown;

/** Operation → the one service answering it; a missing or doubly answered operation is a build mistake. */
export function routeOperations(services: readonly CoreService[]): ReadonlyMap<OperationName, RoutedHandler> {
  const routes = new Map<OperationName, RoutedHandler>();
  const owner = new Map<OperationName, string>();
  for (const service of services) {
    for (const [name, handler] of Object.entries(service.handlers)) {
      const operation = name as OperationName;
      const previous = owner.get(operation);
      if (previous !== undefined) throw new Error(`the operation "${operation}" is answered by both the ${previous} and the ${service.name} service`);
      owner.set(operation, service.name);
      routes.set(operation, handler as RoutedHandler);
    }
  }
  const unanswered = OPERATION_NAMES.filter((operation) => !routes.has(operation));
  if (unanswered.length > 0) throw new Error(`no desktop-core service answers: ${unanswered.join(', ')}`);
  return routes;
}
