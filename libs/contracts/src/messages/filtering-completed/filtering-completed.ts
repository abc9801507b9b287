import 'reflect-metadata';
import { IsInt, IsNotEmpty, IsString, MaxLength, Min } from 'class-validator';
import type { MessageContract } from '../../envelope/message-contract';
import { Topics } from '../../topics';

export const FILTERING_COMPLETED_SCHEMA_VERSION = 1;

/**
 * Tells summarization that filtering of a run is over and how many work items it published, so that a
 * run whose groups all reported before (or a run with none) completes without waiting for another
 * outcome. The run stream holds the same fact; the notice is the wake-up call. Keyed by run id, on the
 * group-results topic, so it is ordered with the run's group outcomes.
 */
export class FilteringCompletedData {
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  runId!: string;

  @IsInt()
  @Min(0)
  groupsExpected!: number;
}

export const FilteringCompleted: MessageContract<'FilteringCompleted', FilteringCompletedData> = {
  type: 'FilteringCompleted',
  schemaVersion: FILTERING_COMPLETED_SCHEMA_VERSION,
  topic: Topics.GroupResults,
  dataClass: FilteringCompletedData,
  keyOf: (data) => data.runId,
};
