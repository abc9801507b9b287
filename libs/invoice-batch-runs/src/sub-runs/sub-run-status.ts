/**
 * Final status of a draft-to-posted or recovery run (DOMAIN.md section 6): `Completed` when nothing
 * failed (an empty selection too), `CompletedWithErrors` when some items succeeded and some failed,
 * `Failed` when every selected item failed.
 */
export type SubRunStatus = 'Completed' | 'CompletedWithErrors' | 'Failed';

export function subRunStatus(succeeded: number, failed: number): SubRunStatus {
  if (failed === 0) return 'Completed';
  return succeeded === 0 ? 'Failed' : 'CompletedWithErrors';
}
