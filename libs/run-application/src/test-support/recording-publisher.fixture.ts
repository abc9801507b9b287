import type { EventEnvelope } from '@invoice-engine/kernel';
import type { MessagePublisher, MessageToPublish } from '@invoice-engine/runtime';

export interface PublishedMessage {
  readonly topic: string;
  readonly key: string;
  readonly envelope: EventEnvelope;
}

/** A publisher that keeps what it was given, in order; can be told to fail. Test-only. */
export class RecordingPublisher implements MessagePublisher {
  readonly published: PublishedMessage[] = [];
  /** How many messages each `publish` call carried, per call, in order. */
  readonly calls: { readonly topic: string; readonly count: number }[] = [];
  failWith: Error | null = null;

  publish(topic: string, messages: readonly MessageToPublish[]): Promise<void> {
    if (this.failWith !== null) return Promise.reject(this.failWith);
    this.calls.push({ topic, count: messages.length });
    for (const message of messages) this.published.push({ topic, ...message });
    return Promise.resolve();
  }

  on(topic: string): readonly PublishedMessage[] {
    return this.published.filter((message) => message.topic === topic);
  }

  clear(): void {
    this.published.length = 0;
    this.calls.length = 0;
  }
}
