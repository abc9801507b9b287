/** The offset to commit for one partition: the next one to consume (the last handled + 1). */
export interface PartitionOffset {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

/** Sends one OffsetCommit request for these partitions; rejects when the broker refused it. */
export type CommitOffsets = (offsets: readonly PartitionOffset[]) => Promise<void>;

export interface OffsetCommitPolicy {
  /** Commit as soon as this many messages were handled since the last commit. */
  readonly everyMessages: number;
  /** Commit what is pending once this long has passed since the last commit. */
  readonly intervalMs: number;
}

const keyOf = (topic: string, partition: number) => `${partition}@${topic}`;

/**
 * The handled offsets of a consumer that are not committed yet, committed in batches: one request for
 * every partition with progress, once `everyMessages` were handled or `intervalMs` has passed, instead
 * of one per message or partition batch. A partition's offset only ever moves to just after a message
 * whose handler succeeded (or which was dead-lettered), and messages of a partition are handled in
 * order, so a commit never passes a message that was not handled.
 */
export class PendingOffsetCommits {
  private readonly pending = new Map<string, { topic: string; partition: number; next: bigint }>();
  private handledSinceCommit = 0;
  private lastCommitAt: number;
  private committing: Promise<void> = Promise.resolve();
  private queued: Promise<void> | undefined;

  constructor(
    private readonly policy: OffsetCommitPolicy,
    private readonly now: () => number = Date.now,
  ) {
    this.lastCommitAt = now();
  }

  /** Records that the message at `offset` of a partition was handled (or dead-lettered). */
  handled(topic: string, partition: number, offset: string): void {
    const key = keyOf(topic, partition);
    const next = BigInt(offset) + 1n;
    const current = this.pending.get(key);
    // A stale batch of an earlier assignment may finish after a newer one started lower: keep the furthest.
    if (current === undefined || next > current.next) this.pending.set(key, { topic, partition, next });
    this.handledSinceCommit += 1;
  }

  /** The partitions with an offset waiting to be committed. */
  waiting(): readonly PartitionOffset[] {
    return [...this.pending.values()].map(({ topic, partition, next }) => ({
      topic,
      partition,
      offset: next.toString(),
    }));
  }

  /** Whether enough was handled, or enough time passed, to commit now. */
  isDue(): boolean {
    if (this.pending.size === 0) return false;
    return (
      this.handledSinceCommit >= this.policy.everyMessages ||
      this.now() - this.lastCommitAt >= this.policy.intervalMs
    );
  }

  /**
   * Commits every waiting offset in one request, after the commit in flight if there is one; callers
   * that ask while a commit is already queued share it. A partition whose offset moved on meanwhile
   * stays waiting; when the request fails, everything stays waiting for the next commit and the error
   * is rethrown.
   */
  commit(send: CommitOffsets): Promise<void> {
    if (this.queued !== undefined) return this.queued;
    const queued = this.committing
      .catch(() => undefined)
      .then(() => {
        this.queued = undefined;
        return this.commitNow(send);
      });
    this.queued = queued;
    this.committing = queued;
    return queued;
  }

  /** Forgets the partitions this consumer no longer owns after a rebalance (their new owner commits). */
  keepOnly(owned: (topic: string, partition: number) => boolean): void {
    for (const [key, entry] of this.pending) {
      if (!owned(entry.topic, entry.partition)) this.pending.delete(key);
    }
  }

  private async commitNow(send: CommitOffsets): Promise<void> {
    const offsets = [...this.pending.entries()];
    if (offsets.length === 0) return;
    const handledBefore = this.handledSinceCommit;
    await send(
      offsets.map(([, { topic, partition, next }]) => ({ topic, partition, offset: next.toString() })),
    );
    for (const [key, sent] of offsets) {
      if (this.pending.get(key)?.next === sent.next) this.pending.delete(key);
    }
    this.handledSinceCommit = Math.max(0, this.handledSinceCommit - handledBefore);
    this.lastCommitAt = this.now();
  }
}
