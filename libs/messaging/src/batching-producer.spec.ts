import { describe, expect, it } from '@jest/globals';
import type { Message } from 'kafkajs';
import { requestsOf } from './batching-producer';

const message = (key: string, bytes: number): Message => ({ key, value: 'x'.repeat(bytes - key.length) });
const keysOf = (requests: ReturnType<typeof requestsOf>) =>
  [...requests].map((request) =>
    request.map(({ topic, messages }) => [topic, messages.map((one) => one.key)]),
  );

describe('splitting what waits into produce requests', () => {
  it('keeps each request under the byte budget, in call order, a call spanning requests when it must', () => {
    const waiting = [
      { topic: 'tax.requests', messages: [message('a1', 100), message('a2', 100), message('a3', 100)] },
      { topic: 'tax.results', messages: [message('b1', 100)] },
      { topic: 'tax.requests', messages: [message('a4', 100)] },
    ];
    expect(keysOf(requestsOf(waiting, 1000, 250))).toEqual([
      [['tax.requests', ['a1', 'a2']]],
      [
        ['tax.requests', ['a3']],
        ['tax.results', ['b1']],
      ],
      [['tax.requests', ['a4']]],
    ]);
  });

  it('keeps each request under the message count', () => {
    const waiting = [{ topic: 't', messages: [1, 2, 3, 4, 5].map((n) => message(`k${n}`, 10)) }];
    expect(keysOf(requestsOf(waiting, 2, 1_000_000))).toEqual([
      [['t', ['k1', 'k2']]],
      [['t', ['k3', 'k4']]],
      [['t', ['k5']]],
    ]);
  });

  it('sends a message over the budget on its own', () => {
    const waiting = [
      { topic: 't', messages: [message('small', 10), message('huge', 900), message('next', 10)] },
    ];
    expect(keysOf(requestsOf(waiting, 1000, 500))).toEqual([
      [['t', ['small']]],
      [['t', ['huge']]],
      [['t', ['next']]],
    ]);
  });
});
