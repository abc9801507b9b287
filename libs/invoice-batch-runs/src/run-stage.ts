import { DomainError } from '@invoice-engine/kernel';
import type { RequestedRunState } from './invoice-batch-run-state';
import { stageIndex, type StatusSubtype } from './status-subtype';

/** Where a run stands on the path of DOMAIN.md section 4: -1 before filtering starts. */
export function stagePosition(state: RequestedRunState): number {
  const last = state.run.stages.at(-1);
  return last === undefined ? -1 : stageIndex(last.statusSubtype);
}

/**
 * How many stages lie between the run and `target`: 0 = the run is there (progress stages
 * repeat), 1 = it is the next stage, negative = already passed (a redelivered command).
 */
export function stepsToStage(state: RequestedRunState, target: StatusSubtype): number {
  return stageIndex(target) - stagePosition(state);
}

/** A command that would skip a stage breaks the one order of the stages. */
export function stageOutOfOrder(state: RequestedRunState, target: StatusSubtype): DomainError {
  const at = state.run.stages.at(-1)?.statusSubtype ?? 'Requested';
  return new DomainError(
    'INVOICE_BATCH_RUN.STAGE_OUT_OF_ORDER',
    'illegal-state',
    `Run ${state.run.request.runId} cannot reach ${target} from ${at}`,
  );
}
