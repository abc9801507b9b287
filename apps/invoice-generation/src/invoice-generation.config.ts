import { WholeNumber } from '@invoice-engine/config';
import { IsInt, IsString, Matches, Max, Min, MinLength } from 'class-validator';

/** Invoice generation's own settings; database and Kafka settings are the distributed ones. */
export class InvoiceGenerationConfiguration {
  /** Lines per invoice: must equal the limit filtering chunks groups by. */
  @WholeNumber()
  @IsInt()
  @Min(1)
  @Max(100_000)
  MAX_LINES_PER_INVOICE = 2000;

  /** Load → decide → append attempts on a concurrent change before the message is retried later. */
  @WholeNumber()
  @IsInt()
  @Min(1)
  @Max(20)
  CONFLICT_ATTEMPTS = 3;

  /**
   * Billing schedules kept in memory from a work item until its tax result (0, the default: none,
   * every completion reads its schedules again). Worth it only with memory to spare: each costs a few
   * kB of heap, and a run's schedules are kept only if the bound covers most of them; see
   * docs/pipeline.md.
   */
  @WholeNumber()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  KEPT_BILLING_SCHEDULES = 0;

  /** JSON array of `{id, dueDays}`. */
  @IsString()
  @MinLength(1)
  PAYMENT_TERMS_FILE = 'apps/invoice-generation/payment-terms.example.json';

  /** Schema of the invoice number tables in the read-model database. */
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, {
    message: 'INVOICE_NUMBER_SCHEMA must be a lower-case SQL identifier',
  })
  INVOICE_NUMBER_SCHEMA = 'invoice_numbers';
}
