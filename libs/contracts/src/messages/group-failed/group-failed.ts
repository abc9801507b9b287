import { ArrayNotEmpty } from 'class-validator';
import type { MessageContract } from '../../envelope/message-contract';
import { Topics } from '../../topics';
import { GroupErrorLog, GroupOutcomeData } from '../group-outcome';

export const GROUP_FAILED_SCHEMA_VERSION = 1;

/**
 * A group chunk failed: its invoices (if any were written) are in status Error, its schedules are in
 * Error with their periods not invoiced, and at least one error log names the cause. Other groups go on.
 * A failed chunk has no amounts: only successful invoices count towards the run's totals.
 */
export class GroupFailedData extends GroupOutcomeData {
  @ArrayNotEmpty({ message: 'must name the cause in at least one error log' })
  declare errorLogs: GroupErrorLog[];
}

export const GroupFailed: MessageContract<'GroupFailed', GroupFailedData> = {
  type: 'GroupFailed',
  schemaVersion: GROUP_FAILED_SCHEMA_VERSION,
  topic: Topics.GroupResults,
  dataClass: GroupFailedData,
  keyOf: (data) => data.runId,
};
