/**
 * A Map bounded to `capacity` entries that forgets the least recently used first. Limiters keep their
 * counters here: a flood of new keys pushes out old, idle ones instead of clearing everything (which
 * would hand an attacker a fresh start) or growing without bound.
 */
export class Lru<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly capacity: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Map order is recency: the one used now goes last.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.evictOldest();
  }

  /**
   * A tenth at a time: deleting from the front one by one would walk the Map's deleted slots again on
   * every insert (quadratic under a flood); in batches it is one walk per many inserts.
   */
  private evictOldest(): void {
    let excess = this.entries.size - this.capacity + Math.ceil(this.capacity / 10);
    for (const key of this.entries.keys()) {
      if (excess-- <= 0) break;
      this.entries.delete(key);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
