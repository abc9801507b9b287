import fc from 'fast-check';
import { currencyCode } from '@invoice-engine/kernel';
import { groupingKeyOf, type GroupingFields, type InvoiceGroupType } from './grouping-key';

/** A billing schedule as the application layer holds it: key fields plus everything else. */
type ScheduleRecord = GroupingFields & Record<string, unknown>;

const id = fc.string({ minLength: 1, maxLength: 6, unit: 'grapheme-ascii' });
const optionalId = fc.option(id, { nil: null });
const currency = fc.constantFrom('USD', 'EUR', 'JPY', 'BHD').map(currencyCode);
const groupType = fc.constantFrom<InvoiceGroupType>('Default', 'BillingSchedule', 'Custom');

const scheduleRecord: fc.Arbitrary<ScheduleRecord> = fc.record({
  billingScheduleId: id,
  billingAccountId: id,
  billToContactId: optionalId,
  currency,
  paymentTermId: optionalId,
  taxEngineId: optionalId,
  legalEntityId: optionalId,
  savedPaymentMethodId: optionalId,
  invoiceGroupType: groupType,
  customInvoiceGroupKey: fc.option(fc.string({ maxLength: 8, unit: 'grapheme' }), { nil: null }),
  taxCode: id,
  billingBatch: optionalId,
  unitPrice: fc.option(fc.integer({ min: 0, max: 10_000 }).map(String), { nil: null }),
  quantity: fc.integer({ min: 1, max: 100 }).map(String),
  startDate: fc.constantFrom('2026-01-01', '2026-01-15', '2026-02-28'),
  holdBilling: fc.boolean(),
  billToAddress: fc.record({ country: fc.constantFrom('US', 'DE'), region: optionalId }),
});

/** The fields each group type reads; every other field must leave the key unchanged. */
const keyFields: Record<InvoiceGroupType, readonly string[]> = {
  Default: [
    'billingAccountId',
    'billToContactId',
    'currency',
    'paymentTermId',
    'taxEngineId',
    'legalEntityId',
    'savedPaymentMethodId',
  ],
  BillingSchedule: ['billingScheduleId'],
  Custom: [
    'billingAccountId',
    'billToContactId',
    'currency',
    'paymentTermId',
    'taxEngineId',
    'legalEntityId',
    'savedPaymentMethodId',
    'customInvoiceGroupKey',
  ],
};

describe('grouping key properties', () => {
  it('(e) changing any field the group type does not read never changes the key', () => {
    fc.assert(
      fc.property(scheduleRecord, scheduleRecord, (record, other) => {
        const nonKeyFields = Object.keys(record).filter(
          (field) => field !== 'invoiceGroupType' && !keyFields[record.invoiceGroupType].includes(field),
        );
        const changed = { ...record };
        for (const field of nonKeyFields) changed[field] = other[field];
        expect(groupingKeyOf(changed)).toBe(groupingKeyOf(record));
      }),
      { numRuns: 300 },
    );
  });

  it('(e) changing one key field of a Default or BillingSchedule schedule changes the key', () => {
    fc.assert(
      fc.property(scheduleRecord, scheduleRecord, fc.nat(), (record, other, pick) => {
        fc.pre(record.invoiceGroupType !== 'Custom');
        const fields = keyFields[record.invoiceGroupType];
        const field = fields[pick % fields.length] ?? 'billingScheduleId';
        const bothAbsent = (record[field] ?? '') === (other[field] ?? '');
        fc.pre(!bothAbsent);
        expect(groupingKeyOf({ ...record, [field]: other[field] })).not.toBe(groupingKeyOf(record));
      }),
      { numRuns: 300 },
    );
  });

  it('(e) changing one key field of a Custom schedule, or its custom key beyond case, changes the key', () => {
    const plainCustomKey = fc.stringMatching(/^[a-z0-9]{1,8}$/);
    fc.assert(
      fc.property(
        scheduleRecord,
        scheduleRecord,
        fc.option(plainCustomKey, { nil: null }),
        plainCustomKey,
        fc.nat(),
        (record, other, ownKey, otherKey, pick) => {
          const custom: ScheduleRecord = {
            ...record,
            invoiceGroupType: 'Custom',
            customInvoiceGroupKey: ownKey,
          };
          const fields = keyFields.Custom;
          const field = fields[pick % fields.length] ?? 'customInvoiceGroupKey';
          if (field === 'customInvoiceGroupKey') {
            fc.pre(ownKey !== otherKey);
            const changed = { ...custom, customInvoiceGroupKey: ` ${otherKey.toUpperCase()} ` };
            expect(groupingKeyOf(changed)).not.toBe(groupingKeyOf(custom));
          } else {
            fc.pre((custom[field] ?? '') !== (other[field] ?? ''));
            expect(groupingKeyOf({ ...custom, [field]: other[field] })).not.toBe(groupingKeyOf(custom));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('(e) a Custom key ignores the case of the custom key', () => {
    fc.assert(
      fc.property(scheduleRecord, fc.string({ maxLength: 10, unit: 'grapheme' }), (record, customKey) => {
        const custom = { ...record, invoiceGroupType: 'Custom' as const, customInvoiceGroupKey: customKey };
        const key = groupingKeyOf(custom);
        expect(groupingKeyOf({ ...custom, customInvoiceGroupKey: customKey.toUpperCase() })).toBe(key);
        expect(groupingKeyOf({ ...custom, customInvoiceGroupKey: customKey.toLowerCase() })).toBe(key);
      }),
      { numRuns: 300 },
    );
  });

  it('the key is a pure function of the fields: the same schedule always gets the same key', () => {
    fc.assert(
      fc.property(scheduleRecord, (record) => {
        expect(groupingKeyOf(structuredClone(record))).toBe(groupingKeyOf(record));
      }),
      { numRuns: 100 },
    );
  });
});
