import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messageTypeRegistry } from '../../envelope/message-type-registry';
import { parseMessage } from '../../envelope/parse-message';
import { edited, readExample } from '../../example-payloads';
import { TaxCalculationFailed, TaxCalculationFailedData } from './tax-calculation-failed';

const examplePath = join(__dirname, 'tax-calculation-failed.example.json');
const registry = messageTypeRegistry([TaxCalculationFailed]);

describe('TaxCalculationFailed', () => {
  it('parses its example payload from the raw Kafka value', () => {
    const result = parseMessage(registry, readFileSync(examplePath));
    if (!result.ok) throw new Error(result.reason);
    expect(result.message.type).toBe('TaxCalculationFailed');
    expect(result.message.data).toBeInstanceOf(TaxCalculationFailedData);
    expect(result.message.data.retryable).toBe(false);
    expect(TaxCalculationFailed.keyOf(result.message.data)).toBe(result.message.data.groupingKey);
  });

  it('rejects a non-boolean retryable flag, an unknown mode and a malformed code, naming each', () => {
    const broken = edited(readExample(examplePath), {
      'data.retryable': 'no',
      'data.mode': 'Guess',
      'data.code': 'no rate',
    });
    const result = parseMessage(registry, JSON.stringify(broken));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => problem.path).sort()).toEqual([
      'data.code',
      'data.mode',
      'data.retryable',
    ]);
  });
});
