import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messageTypeRegistry } from '../../envelope/message-type-registry';
import { parseMessage } from '../../envelope/parse-message';
import { edited, readExample, REMOVED } from '../../example-payloads';
import { TaxRequested } from './tax-requested';

const examplePath = join(__dirname, 'tax-requested.example.json');
const registry = messageTypeRegistry([TaxRequested]);

function problemsOf(changes: Record<string, unknown>): string[] {
  const result = parseMessage(registry, JSON.stringify(edited(readExample(examplePath), changes)));
  if (result.ok) throw new Error('expected the message to be rejected');
  return result.problems.map((problem) => `${problem.path}: ${problem.message}`);
}

describe('TaxRequested', () => {
  it('parses its example payload, keyed by grouping key', () => {
    const result = parseMessage(registry, readFileSync(examplePath));
    if (!result.ok) throw new Error(result.reason);
    expect(result.message.data.lines.map((line) => line.chargeAmount)).toEqual(['109.68', '200.00', '200']);
    expect(TaxRequested.keyOf(result.message.data)).toBe(result.message.data.groupingKey);
  });

  it('keeps the message currency off the serialized lines', () => {
    const result = parseMessage(registry, readFileSync(examplePath));
    if (!result.ok) throw new Error(result.reason);
    expect(JSON.parse(JSON.stringify(result.message.data.lines[0]))).toEqual({
      lineId: 'line-1',
      taxCode: 'SW-STD',
      chargeAmount: '109.68',
    });
  });

  describe('when line amounts are not money of the request currency', () => {
    it('names the float, the extra minor digit and the malformed amount, each at its line', () => {
      expect(
        problemsOf({
          'data.lines.0.chargeAmount': 109.68,
          'data.lines.1.chargeAmount': '200.001',
          'data.lines.2.chargeAmount': '2e2',
        }),
      ).toEqual([
        'data.lines[0].chargeAmount: must be a decimal string in major units such as "109.68" (not a JSON number)',
        'data.lines[1].chargeAmount: "200.001" has more than the 2 minor digits of USD',
        'data.lines[2].chargeAmount: "2e2" is not a decimal amount such as "109.68"',
      ]);
    });

    it('judges the minor digits by the request currency (JPY has none)', () => {
      expect(problemsOf({ 'data.currency': 'JPY', 'data.lines.2.chargeAmount': '200' })).toEqual([
        'data.lines[0].chargeAmount: "109.68" has more than the 0 minor digits of JPY',
        'data.lines[1].chargeAmount: "200.00" has more than the 0 minor digits of JPY',
      ]);
    });
  });

  it('rejects a three-letter country, a missing region and a missing tax code', () => {
    expect(
      problemsOf({
        'data.billToAddress.country': 'USA',
        'data.billToAddress.region': REMOVED,
        'data.lines.1.taxCode': REMOVED,
      }),
    ).toEqual([
      'data.billToAddress.country: must be a valid ISO31661 Alpha2 code',
      'data.billToAddress.region: is missing',
      'data.lines[1].taxCode: is missing',
    ]);
  });

  it('rejects an unknown mode and repeated line ids', () => {
    expect(problemsOf({ 'data.mode': 'Commit', 'data.lines.1.lineId': 'line-1' })).toEqual([
      'data.mode: must be one of the following values: Estimate, CalculateAndCommit',
      'data.lines: line ids must be unique',
    ]);
  });
});
