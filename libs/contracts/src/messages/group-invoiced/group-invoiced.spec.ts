import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { messageTypeRegistry } from '../../envelope/message-type-registry';
import { parseMessage } from '../../envelope/parse-message';
import { edited, readExample, REMOVED } from '../../example-payloads';
import { GroupFailed } from '../group-failed/group-failed';
import { GroupInvoiced } from './group-invoiced';

const examplePath = join(__dirname, 'group-invoiced.example.json');
const groupResults = messageTypeRegistry([GroupInvoiced, GroupFailed]);

function problemsOf(changes: Record<string, unknown>): string[] {
  const result = parseMessage(groupResults, JSON.stringify(edited(readExample(examplePath), changes)));
  if (result.ok) throw new Error('expected the message to be rejected');
  return result.problems.map((problem) => `${problem.path}: ${problem.message}`);
}

describe('GroupInvoiced', () => {
  it('parses its example payload, keyed by run id', () => {
    const result = parseMessage(groupResults, readFileSync(examplePath));
    if (!result.ok) throw new Error(result.reason);
    const { message } = result;
    if (message.type !== 'GroupInvoiced') throw new Error(`parsed as ${message.type}`);
    expect(message.data.amounts[0]?.total).toBe('546.63');
    expect(GroupInvoiced.keyOf(message.data)).toBe(message.data.runId);
  });

  it('rejects float and over-precise amounts, negative counts and a missing invoice status', () => {
    expect(
      problemsOf({
        'data.amounts.0.subtotal': 509.68,
        'data.amounts.0.tax': '36.950',
        'data.invoicesFailed': -1,
        'data.invoiceStatus': REMOVED,
      }),
    ).toEqual([
      'data.invoiceStatus: is missing',
      'data.amounts[0].subtotal: must be a decimal string in major units such as "109.68" (not a JSON number)',
      'data.amounts[0].tax: "36.950" has more than the 2 minor digits of USD',
      'data.invoicesFailed: must not be less than 0',
    ]);
  });

  it('rejects the same currency twice and an error log of an unknown category', () => {
    const usd = { currency: 'USD', subtotal: '1.00', tax: '0.07', total: '1.07' };
    const warning = {
      category: 'Billing',
      code: 'INVOICE.ROUNDING',
      message: 'rounded',
      severity: 'Warning',
      billingScheduleId: 'bs-0001',
      invoiceId: null,
      occurredAt: '2026-03-01T06:00:03.600Z',
    };
    expect(problemsOf({ 'data.amounts': [usd, usd], 'data.errorLogs': [warning] })).toEqual([
      'data.amounts: each currency must appear once',
      'data.errorLogs[0].category: must be one of the following values: SelectionStep, InvoiceGeneration, TaxCalculation, PostTaxCalculation, ScheduleUpdate, Summarization, Recovery',
    ]);
  });
});
