import { WholeNumber } from '@invoice-engine/config';
import { IsInt, Max, Min } from 'class-validator';

/** Summarization's own settings; database and Kafka settings are the distributed ones. */
export class SummarizationConfiguration {
  /** Append an InvoiceGenerationProgressed checkpoint once this many new work items have an outcome. */
  @WholeNumber()
  @IsInt()
  @Min(1)
  @Max(100_000)
  SUMMARIZATION_CHECKPOINT_EVERY = 100;
}
