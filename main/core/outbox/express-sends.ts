/**
 * Express actions (an accept of a ringing offer, `ActionSpec.express`): their POST leaves the moment the
 * agent acts, while the outbox row is still being written (an fsync'd commit on the database thread),
 * instead of after it. The caller waits on that POST, so the row's commit no longer sits in the path.
 *
 * The row is written with the same Idempotency-Key. When the sending loop reaches it, it takes the
 * outcome of the send already made (`take`) instead of sending again, so the platform sees one request
 * while it is in flight; a failed send is retried from the row with that key like any other action, and
 * a repeat the platform already applied is answered with its first response, with no second effect.
 */
export type SendOutcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export class ExpressSends {
  private readonly inFlight = new Map<string, Promise<SendOutcome>>();

  /** Start a send; its outcome waits, settled either way (never an unhandled rejection), for `take`. */
  start(idempotencyKey: string, send: () => Promise<unknown>): void {
    const outcome = send().then(
      (value): SendOutcome => ({ ok: true, value }),
      (error: unknown): SendOutcome => ({ ok: false, error }),
    );
    this.inFlight.set(idempotencyKey, outcome);
  }

  /**
   * The send already made for this key, resolved with its answer or rejected with its error as a send
   * would be; null when none was (or it was taken before: a retry sends again).
   */
  take(idempotencyKey: string): Promise<unknown> | null {
    const outcome = this.inFlight.get(idempotencyKey);
    if (outcome === undefined) return null;
    this.inFlight.delete(idempotencyKey);
    return outcome.then((settled) => {
      if (settled.ok) return settled.value;
      throw settled.error;
    });
  }

  /** The outcome itself, for an action whose row could not be written (nothing will `take` it). */
  abandon(idempotencyKey: string): Promise<SendOutcome> | null {
    const outcome = this.inFlight.get(idempotencyKey) ?? null;
    this.inFlight.delete(idempotencyKey);
    return outcome;
  }
}
