import { WholeNumber } from '@invoice-engine/config';
import { DistributedConfiguration } from '@invoice-engine/distributed';
import { IsInt, Max, Min } from 'class-validator';

/** The distributed services' database settings (the loader uses the event store only) plus its batch size. */
export class ScheduleLoaderConfiguration extends DistributedConfiguration {
  /** Schedules per `appendMany`. */
  @WholeNumber()
  @IsInt()
  @Min(1)
  @Max(5000)
  LOAD_BATCH_SIZE = 500;
}
