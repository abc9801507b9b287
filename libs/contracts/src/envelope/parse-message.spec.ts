import { join } from 'node:path';
import { edited, readExample, REMOVED } from '../example-payloads';
import { TaxCalculated } from '../messages/tax-calculated/tax-calculated';
import { TaxCalculationFailed } from '../messages/tax-calculation-failed/tax-calculation-failed';
import { createMessage, serializeMessage } from './message-contract';
import { messageTypeRegistry } from './message-type-registry';
import { parseMessage } from './parse-message';

const examplePath = join(__dirname, '../messages/tax-calculation-failed/tax-calculation-failed.example.json');
const taxResults = messageTypeRegistry([TaxCalculated, TaxCalculationFailed]);

function problemsOf(raw: string | Buffer | null): string[] {
  const result = parseMessage(taxResults, raw);
  if (result.ok) throw new Error('expected the message to be rejected');
  return result.problems.map((problem) => `${problem.path}: ${problem.message}`);
}

function problemsOfEdited(changes: Record<string, unknown>): string[] {
  return problemsOf(JSON.stringify(edited(readExample(examplePath), changes)));
}

describe('parsing a Kafka message value', () => {
  it('returns the typed message with the metadata as sent', () => {
    const result = parseMessage(taxResults, JSON.stringify(readExample(examplePath)));
    if (!result.ok) throw new Error(result.reason);
    expect(result.message.messageId).toBe('6c1a3f0e-2b8d-5c4e-9f1a-7d2b3c4e5f60');
    expect(result.message.schemaVersion).toBe(1);
    expect(result.message.metadata).toEqual(readExample(examplePath)['metadata']);
  });

  it('round-trips a message created by a producer', () => {
    const example = readExample(examplePath);
    const parsed = parseMessage(taxResults, JSON.stringify(example));
    if (!parsed.ok || parsed.message.type !== 'TaxCalculationFailed')
      throw new Error('example did not parse');
    const produced = createMessage(
      TaxCalculationFailed,
      parsed.message.messageId,
      parsed.message.data,
      parsed.message.metadata,
    );
    expect(JSON.parse(serializeMessage(produced))).toEqual(example);
  });

  it('drops properties it does not know (adding a field is not a breaking change)', () => {
    const result = parseMessage(
      taxResults,
      JSON.stringify(edited(readExample(examplePath), { 'data.engineTraceId': 'x' })),
    );
    if (!result.ok) throw new Error(result.reason);
    expect(Object.keys(result.message.data)).not.toContain('engineTraceId');
  });

  describe('when the value is not a message at all', () => {
    it.each([
      ['a tombstone (no value)', null, ': the message has no value'],
      ['an array', '[1, 2]', ': the message must be a JSON object'],
      ['a JSON string', '"TaxCalculated"', ': the message must be a JSON object'],
    ])('rejects %s', (_case, raw, problem) => {
      expect(problemsOf(raw)).toEqual([problem]);
    });

    it('rejects bytes that are not JSON, saying so', () => {
      const [problem] = problemsOf(Buffer.from('{"messageId": '));
      expect(problem).toMatch(/^: the message is not JSON \(/);
    });
  });

  describe('when the envelope and the data are both broken', () => {
    it('lists every problem of both, each with its path, in the reason', () => {
      const result = parseMessage(
        taxResults,
        JSON.stringify(
          edited(readExample(examplePath), {
            messageId: 'not-a-uuid',
            'metadata.occurredAt': '2026-03-01T07:00:04+01:00',
            'metadata.producer': REMOVED,
            'data.mode': 'Guess',
            'data.retryable': 'false',
          }),
        ),
      );
      if (result.ok) throw new Error('expected the message to be rejected');
      expect(result.problems.map((problem) => problem.path)).toEqual([
        'messageId',
        'metadata.occurredAt',
        'metadata.producer',
        'data.mode',
        'data.retryable',
      ]);
      expect(result.reason).toBe(
        [
          'messageId: must be a UUID',
          'metadata.occurredAt: must be an ISO-8601 UTC instant such as 2026-11-26T08:35:16.000Z',
          'metadata.producer: is missing',
          'data.mode: must be one of the following values: Estimate, CalculateAndCommit',
          'data.retryable: must be a boolean value',
        ].join('; '),
      );
    });
  });

  it('rejects an unknown type, naming the types this consumer reads, along with envelope problems', () => {
    expect(problemsOfEdited({ type: 'TaxRefunded', schemaVersion: 0 })).toEqual([
      'schemaVersion: must not be less than 1',
      'type: unknown message type "TaxRefunded" (this consumer reads TaxCalculated, TaxCalculationFailed)',
    ]);
  });

  it('rejects a type this consumer does not read even when another consumer would', () => {
    const taxCalculatedOnly = messageTypeRegistry([TaxCalculated]);
    const result = parseMessage(taxCalculatedOnly, JSON.stringify(readExample(examplePath)));
    expect(result.ok ? 'parsed' : result.reason).toBe(
      'type: unknown message type "TaxCalculationFailed" (this consumer reads TaxCalculated)',
    );
  });

  it('rejects a version newer than the one this consumer reads', () => {
    expect(problemsOfEdited({ schemaVersion: 2 })).toEqual([
      'schemaVersion: version 2 of TaxCalculationFailed is newer than version 1 this consumer reads',
    ]);
  });

  it('rejects data that is not an object, and missing metadata', () => {
    expect(problemsOfEdited({ data: 'oops', metadata: REMOVED })).toEqual([
      'data: must be an object',
      'metadata: is missing',
    ]);
  });
});
