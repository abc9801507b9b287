import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messageTypeRegistry } from '../../envelope/message-type-registry';
import { parseMessage } from '../../envelope/parse-message';
import { edited, readExample } from '../../example-payloads';
import { TaxCalculationFailed } from '../tax-calculation-failed/tax-calculation-failed';
import { TaxCalculated } from './tax-calculated';

const examplePath = join(__dirname, 'tax-calculated.example.json');
const taxResults = messageTypeRegistry([TaxCalculated, TaxCalculationFailed]);

function problemsOf(changes: Record<string, unknown>): string[] {
  const result = parseMessage(taxResults, JSON.stringify(edited(readExample(examplePath), changes)));
  if (result.ok) throw new Error('expected the message to be rejected');
  return result.problems.map((problem) => `${problem.path}: ${problem.message}`);
}

describe('TaxCalculated', () => {
  it('parses its example payload among the tax results and narrows on its type', () => {
    const result = parseMessage(taxResults, readFileSync(examplePath));
    if (!result.ok) throw new Error(result.reason);
    const { message } = result;
    if (message.type !== 'TaxCalculated') throw new Error(`parsed as ${message.type}`);
    expect(message.data.lines.map((line) => line.taxAmount)).toEqual(['7.95', '14.50', '14.50']);
    expect(TaxCalculated.keyOf(message.data)).toBe(message.data.groupingKey);
  });

  it('rejects a rate sent as a number, a tax amount with a third decimal and an unknown tax status', () => {
    expect(
      problemsOf({
        'data.lines.0.rate': 0.0725,
        'data.lines.1.taxAmount': '14.500',
        'data.lines.2.taxStatus': 'Final',
      }),
    ).toEqual([
      'data.lines[0].rate: must be a non-negative decimal string such as "1.5" (not a JSON number)',
      'data.lines[1].taxAmount: "14.500" has more than the 2 minor digits of USD',
      'data.lines[2].taxStatus: must be one of the following values: Estimated, Posted',
    ]);
  });

  it('accepts three minor digits when the currency has them (BHD)', () => {
    const bhd = edited(readExample(examplePath), {
      'data.currency': 'BHD',
      'data.lines.1.taxAmount': '14.500',
    });
    expect(parseMessage(taxResults, JSON.stringify(bhd)).ok).toBe(true);
  });
});
