import {
  checkpointOrComplete,
  type InvoiceBatchRunCommand,
  type InvoiceBatchRunState,
  type RunProgress,
} from '@invoice-engine/invoice-batch-runs';
import type { Instant } from '@invoice-engine/kernel';
import type { AppLogger } from '@invoice-engine/runtime';
import { decideRunCommands, hasReached } from '../streams/invoice-batch-run-stream';
import type { SummarizationSettings } from './summarization-settings';

/**
 * What summarization asks of the run for a fold: generation starts with the first outcome (or at
 * once when filtering found nothing); then the domain's checkpoint rule decides between a checkpoint
 * and completion, and completion carries the run through summarization to its final status.
 */
export function nextSummarizationCommands(
  state: InvoiceBatchRunState,
  progress: RunProgress,
  now: Instant,
  settings: SummarizationSettings,
  logger?: AppLogger,
): InvoiceBatchRunCommand[] {
  if (state.status === 'NotRequested') return [];
  const { runId } = progress;
  const commands: InvoiceBatchRunCommand[] = [];
  let current: InvoiceBatchRunState = state;
  if (!hasReached(state, 'InvoiceGenerationStarted')) {
    if (progress.counts.groupsCompleted === 0 && state.run.groupsExpected > 0) return [];
    commands.push({ type: 'StartInvoiceGeneration', runId, startedAt: now });
    current = decideRunCommands(state, commands).state;
  }
  for (const instruction of checkpointOrComplete(current, progress, now, settings.checkpointEveryGroups)) {
    if (instruction.type === 'HandleRunCommand') commands.push(instruction.command);
    else logger?.warn({ runId, instruction }, 'summarization did not advance the run');
  }
  if (commands.at(-1)?.type === 'CompleteInvoiceGeneration') {
    commands.push({ type: 'StartSummarization', runId, startedAt: now });
    commands.push({ type: 'CompleteInvoiceBatchRun', runId, completedAt: now });
  }
  return commands;
}
