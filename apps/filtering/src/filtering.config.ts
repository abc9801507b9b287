import { WholeNumber } from '@invoice-engine/config';
import { IsInt, Max, Min } from 'class-validator';

/** Filtering's own settings; database and Kafka settings are the distributed ones. */
export class FilteringConfiguration {
  /** Lines per invoice: must equal invoice generation's MAX_LINES_PER_INVOICE. */
  @WholeNumber()
  @IsInt()
  @Min(1)
  @Max(100_000)
  MAX_LINES_PER_INVOICE = 2000;

  /** Append a filtering progress checkpoint every this many scanned schedules. */
  @WholeNumber()
  @IsInt()
  @Min(1)
  FILTERING_PROGRESS_EVERY = 5000;

  /** Schedules per cursor page read from the billing_schedules read model. */
  @WholeNumber()
  @IsInt()
  @Min(1)
  @Max(100_000)
  FILTERING_SCAN_BATCH_SIZE = 1000;

  /** How long a run waits for the read model to reach its request before the message is retried. */
  @WholeNumber()
  @IsInt()
  @Min(100)
  FILTERING_CATCH_UP_TIMEOUT_MS = 30_000;
}
