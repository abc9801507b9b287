/** A message as the bus holds it: already encoded, exactly what a Kafka record would carry. */
export interface LoggedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: number;
  readonly key: string;
  /** The envelope as JSON text: consumers decode it, as they would decode a Kafka record's value. */
  readonly value: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Milliseconds since the epoch as a decimal string, like a Kafka record's timestamp. */
  readonly timestamp: string;
}

export type MessageToAppend = Omit<LoggedMessage, 'topic' | 'partition' | 'offset'>;

/** Once this many handled messages sit at the head of the array, it is compacted. */
const compactionThreshold = 1024;

/**
 * One partition of a topic: an append-only sequence of messages with offsets 0, 1, 2, ... Messages every
 * consumer group has handled are dropped from memory; offsets keep counting.
 */
export class PartitionLog {
  private messages: LoggedMessage[] = [];
  /** Index in `messages` of the oldest retained message. */
  private head = 0;
  /** Offset of `messages[0]`. */
  private baseOffset = 0;

  constructor(
    readonly topic: string,
    readonly partition: number,
  ) {}

  /** The offset the next appended message gets. */
  get endOffset(): number {
    return this.baseOffset + this.messages.length;
  }

  /** The offset of the oldest retained message (equal to `endOffset` when none is retained). */
  get startOffset(): number {
    return this.baseOffset + this.head;
  }

  append(message: MessageToAppend): LoggedMessage {
    const logged = { ...message, topic: this.topic, partition: this.partition, offset: this.endOffset };
    this.messages.push(logged);
    return logged;
  }

  /** The message at `offset`, or undefined when it is not appended yet (or already dropped). */
  at(offset: number): LoggedMessage | undefined {
    return offset < this.startOffset ? undefined : this.messages[offset - this.baseOffset];
  }

  /** The messages from `offset` on that are appended already, at most `limit` of them, in offset order. */
  from(offset: number, limit: number): LoggedMessage[] {
    if (offset < this.startOffset) return [];
    const index = offset - this.baseOffset;
    return this.messages.slice(index, index + limit);
  }

  /** Drops the messages before `offset` (every group is past them). */
  dropBefore(offset: number): void {
    const newHead = Math.min(offset, this.endOffset) - this.baseOffset;
    if (newHead <= this.head) {
      return;
    }
    this.head = newHead;
    if (this.head >= compactionThreshold && this.head * 2 >= this.messages.length) {
      this.messages = this.messages.slice(this.head);
      this.baseOffset += this.head;
      this.head = 0;
    }
  }
}
