import { BaseRpcContext } from '@nestjs/microservices';
import type { ConsumedMessage } from '../consumed-message';

/** What `@Ctx()` gives a Kafka event handler: where the message came from, its key and headers. */
export class KafkaMessageContext extends BaseRpcContext<[ConsumedMessage]> {
  constructor(message: ConsumedMessage) {
    super([message]);
  }

  getMessage(): ConsumedMessage {
    return this.getArgs()[0];
  }

  getTopic(): string {
    return this.getMessage().topic;
  }

  getPartition(): number {
    return this.getMessage().partition;
  }

  getOffset(): string {
    return this.getMessage().offset;
  }

  getKey(): string | null {
    return this.getMessage().key;
  }

  getHeaders(): Readonly<Record<string, string>> {
    return this.getMessage().headers;
  }
}
