import type { EventEnvelope } from '@invoice-engine/kernel';
import type { MessagePublisher, MessageToPublish } from '@invoice-engine/runtime';

export interface PublishedMessage extends MessageToPublish {
  readonly topic: string;
}

/** Test-only fake of the publisher port: remembers every message, in order. */
export class RecordingPublisher implements MessagePublisher {
  readonly published: PublishedMessage[] = [];

  publish(topic: string, messages: readonly MessageToPublish[]): Promise<void> {
    this.published.push(...messages.map((message) => ({ topic, ...message })));
    return Promise.resolve();
  }

  ofType<Data = Record<string, unknown>>(type: string): EventEnvelope<string, Data>[] {
    return this.published
      .filter((message) => message.envelope.type === type)
      .map((message) => message.envelope as EventEnvelope<string, Data>);
  }

  /** The one message of a type; fails the test when there are none or several. */
  only<Data = Record<string, unknown>>(type: string): EventEnvelope<string, Data> {
    const all = this.ofType<Data>(type);
    if (all.length !== 1) throw new Error(`expected one ${type}, got ${all.length}`);
    return all[0] as EventEnvelope<string, Data>;
  }

  clear(): void {
    this.published.length = 0;
  }
}
