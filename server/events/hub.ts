/**
 * Live fan-out of committed events to connected sockets. Subscribers are indexed by audience token, so
 * publishing touches only those who may see the event (plus admins), never every socket.
 */
import type { Principal } from '../auth/principal';
import type { StoredEvent } from '../store/events';

export interface Subscriber {
  readonly principal: Principal;
  send(event: StoredEvent): void;
}

export class EventHub {
  private readonly byToken = new Map<string, Set<Subscriber>>();
  private readonly admins = new Set<Subscriber>();

  subscribe(subscriber: Subscriber): () => void {
    const sets: Set<Subscriber>[] = [];
    if (subscriber.principal.admin) sets.push(this.admins);
    else
      for (const token of subscriber.principal.audience) {
        let set = this.byToken.get(token);
        if (!set) this.byToken.set(token, (set = new Set()));
        sets.push(set);
      }
    for (const set of sets) set.add(subscriber);
    return () => {
      for (const set of sets) set.delete(subscriber);
    };
  }

  publish(event: StoredEvent): void {
    if (event.audience.length === 1) {
      // The common case (one agent's item): no dedupe needed.
      for (const s of this.byToken.get(event.audience[0]) ?? []) s.send(event);
    } else {
      const seen = new Set<Subscriber>();
      for (const token of event.audience) for (const s of this.byToken.get(token) ?? []) seen.add(s);
      for (const s of seen) s.send(event);
    }
    for (const s of this.admins) s.send(event);
  }
}
