/**
 * At most `limit` pieces of work at once; the others wait in arrival order. The consumer group's bound on
 * partitions handled at the same time (kafkajs' `partitionsConsumedConcurrently`).
 */
export class ConcurrencyLimit {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError(`a concurrency limit must be a whole number of at least 1, got ${limit}`);
    }
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so a newcomer cannot overtake it.
      if (next === undefined) {
        this.running -= 1;
      } else {
        next();
      }
    }
  }
}
