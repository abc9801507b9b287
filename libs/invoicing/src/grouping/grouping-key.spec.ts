import { currencyCode } from '@invoice-engine/kernel';
import { errorCodeOf } from '../invoice/invoice-fixtures';
import { groupingKeyOf, type GroupingFields } from './grouping-key';

const schedule: GroupingFields = {
  billingScheduleId: 'BS-1',
  billingAccountId: 'ACC-1',
  billToContactId: 'CON-1',
  currency: currencyCode('USD'),
  paymentTermId: 'NET30',
  taxEngineId: 'built-in',
  legalEntityId: 'LE-US',
  savedPaymentMethodId: null,
  invoiceGroupType: 'Default',
  customInvoiceGroupKey: null,
};

describe('the grouping key', () => {
  describe('when the schedule groups by default', () => {
    it('names account, contact, currency, payment term, tax engine, legal entity and payment method', () => {
      expect(groupingKeyOf(schedule)).toBe(
        'account=ACC-1|contact=CON-1|currency=USD|paymentTerm=NET30|taxEngine=built-in|legalEntity=LE-US|paymentMethod=',
      );
    });

    it('ignores the schedule id and the custom key', () => {
      expect(groupingKeyOf({ ...schedule, billingScheduleId: 'BS-2', customInvoiceGroupKey: 'x' })).toBe(
        groupingKeyOf(schedule),
      );
    });

    it('escapes separators inside values so that no two different schedules collide', () => {
      const tricky = { ...schedule, billingAccountId: 'A|contact=B', billToContactId: '' };
      const plain = { ...schedule, billingAccountId: 'A', billToContactId: 'B' };
      expect(groupingKeyOf(tricky)).toMatch(/^account=A%7Ccontact%3DB\|contact=\|/);
      expect(groupingKeyOf(tricky)).not.toBe(groupingKeyOf(plain));
    });

    it('refuses a schedule without a billing account', () => {
      expect(errorCodeOf(() => groupingKeyOf({ ...schedule, billingAccountId: '' }))).toBe(
        'GROUPING.MISSING_FIELD',
      );
    });
  });

  describe('when the schedule is invoiced on its own', () => {
    it('is the schedule id alone', () => {
      expect(groupingKeyOf({ ...schedule, invoiceGroupType: 'BillingSchedule' })).toBe('schedule=BS-1');
    });
  });

  describe('when the schedule has a custom group', () => {
    const custom = {
      ...schedule,
      invoiceGroupType: 'Custom' as const,
      customInvoiceGroupKey: 'Project Apollo',
    };

    it('adds the case-folded custom key to the default key', () => {
      expect(groupingKeyOf(custom)).toBe(`${groupingKeyOf(schedule)}|custom=project apollo`);
    });

    it('compares the custom key case-insensitively and without surrounding blanks', () => {
      expect(groupingKeyOf({ ...custom, customInvoiceGroupKey: ' PROJECT apollo ' })).toBe(
        groupingKeyOf(custom),
      );
      expect(groupingKeyOf({ ...custom, customInvoiceGroupKey: 'STRASSE' })).toBe(
        groupingKeyOf({ ...custom, customInvoiceGroupKey: 'straße' }),
      );
    });

    it('is the default key when the custom key is blank', () => {
      expect(groupingKeyOf({ ...custom, customInvoiceGroupKey: '  ' })).toBe(groupingKeyOf(schedule));
      expect(groupingKeyOf({ ...custom, customInvoiceGroupKey: null })).toBe(groupingKeyOf(schedule));
    });
  });
});
