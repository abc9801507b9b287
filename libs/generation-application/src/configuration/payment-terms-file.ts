import type { PaymentTerm } from '@invoice-engine/invoicing';
import { readJsonArrayFile, stringField } from './json-file';

/**
 * A payment terms file: a JSON array of `{id, dueDays}` (the scenario files' `paymentTerms[]`); see
 * `apps/invoice-generation/payment-terms.example.json`.
 */
export function readPaymentTermsFile(path: string): PaymentTerm[] {
  return readJsonArrayFile(path, 'payment terms').map((entry, index) => {
    const where = `${path}: payment term #${index}`;
    const dueDays = entry['dueDays'];
    if (typeof dueDays !== 'number' || !Number.isSafeInteger(dueDays) || dueDays < 0) {
      throw new Error(`${where}: "dueDays" must be a whole number of days, 0 or more`);
    }
    return { id: stringField(entry, 'id', where), dueDays };
  });
}
