import { invoiceIdOf, type InvoiceGroup } from '@invoice-engine/invoicing';
import { calendarDate, currencyCode, deterministicId, parseMoney } from '@invoice-engine/kernel';
import { assembleChunkInvoice } from './chunk-invoice';

const usd = currencyCode('USD');
const groupingKey =
  'account=ACC-1|contact=|currency=USD|paymentTerm=NET30|taxEngine=|legalEntity=|paymentMethod=';

function line(billingScheduleId: string, periodStart: string, periodEnd: string, amount: string) {
  return {
    billingScheduleId,
    periodStart: calendarDate(periodStart),
    periodEnd: calendarDate(periodEnd),
    quantity: '1',
    unitPrice: amount,
    chargeAmount: parseMoney(amount, usd),
    taxCode: 'SW-STD',
  };
}

const group: InvoiceGroup = {
  runId: 'run-1',
  groupingKey,
  invoiceDate: calendarDate('2026-03-01'),
  currency: usd,
  billingAccountId: 'ACC-1',
  legalEntityId: null,
  taxEngineId: null,
  billToAddress: { country: 'US', region: 'CA' },
  paymentTerm: { id: 'NET30', dueDays: 30 },
  lines: [
    line('BS-2', '2026-03-01', '2026-03-31', '200.00'),
    line('BS-1', '2026-02-01', '2026-02-28', '109.68'),
  ],
};

describe('assembleChunkInvoice', () => {
  it.each([
    { chunkIndex: 0, chunkCount: 1 },
    { chunkIndex: 2, chunkCount: 3 },
  ])(
    'gives chunk $chunkIndex of $chunkCount its own invoice id and line ids derived from it',
    ({ chunkIndex, chunkCount }) => {
      const chunk = { runId: 'run-1', groupingKey, chunkIndex, chunkCount };

      const invoice = assembleChunkInvoice(group, chunk, 10);

      const invoiceId = invoiceIdOf('run-1', groupingKey, chunkIndex);
      expect(invoice).toMatchObject({ invoiceId, chunkIndex, chunkCount });
      expect(invoice.lines.map((assembled) => [assembled.billingScheduleId, assembled.lineId])).toEqual([
        ['BS-1', deterministicId(invoiceId, 'BS-1', '2026-02-01')],
        ['BS-2', deterministicId(invoiceId, 'BS-2', '2026-03-01')],
      ]);
    },
  );

  it('fails the group when the chunk holds more lines than one invoice may', () => {
    const chunk = { runId: 'run-1', groupingKey, chunkIndex: 0, chunkCount: 1 };

    expect(() => assembleChunkInvoice(group, chunk, 1)).toThrow(
      /CHUNK_OVER_LINE_LIMIT|more than 1 per invoice/,
    );
  });
});
