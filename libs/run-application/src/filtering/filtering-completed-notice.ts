import 'reflect-metadata';
import { Topics, type MessageContract } from '@invoice-engine/contracts';
import { IsInt, IsNotEmpty, IsString, MaxLength, Min } from 'class-validator';

export const FILTERING_COMPLETED_SCHEMA_VERSION = 1;

/**
 * Tells summarization that filtering of a run is over and how many work items it published, so that a
 * run whose groups all reported before (or a run with none) is completed without waiting for another
 * outcome. The run stream holds the same fact; the notice is the wake-up call.
 *
 * Defined here because `libs/contracts` has no such message yet; it belongs there.
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
