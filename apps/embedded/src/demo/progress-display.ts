import type { EmbeddedRunProgress } from '@invoice-engine/embedded';
import { STATUS_SUBTYPES, type StatusSubtype } from '@invoice-engine/invoice-batch-runs';
import { MultiBar, Presets, type SingleBar } from 'cli-progress';

/** Shows a run's progress while it happens. */
export interface ProgressDisplay {
  update(progress: EmbeddedRunProgress): void;
  stop(): void;
}

/** The stages a Completed run passes (a Failed run ends on `Failed` instead of `Completed`). */
const STAGE_COUNT = STATUS_SUBTYPES.length - 1;

function stageNumber(subtype: StatusSubtype | null): number {
  if (subtype === null) return 0;
  return subtype === 'Failed' ? STAGE_COUNT : STATUS_SUBTYPES.indexOf(subtype) + 1;
}

function phaseText(progress: EmbeddedRunProgress): string {
  switch (progress.phase) {
    case 'StartingEngine':
      return 'Starting the engine (PGlite event store and read models, in-process bus)';
    case 'LoadingSchedules':
      return `Loading ${progress.schedules} billing schedules through the schedule loader`;
    case 'Running':
      return progress.statusSubtype ?? 'Requested';
    case 'ReadingResults':
      return 'Reading the results from the read models';
  }
}

/** Three bars on a terminal: the run's stage, schedules filtered, groups invoiced (cli-progress). */
export class LiveProgressDisplay implements ProgressDisplay {
  private readonly bars: MultiBar;
  private readonly stage: SingleBar;
  private readonly schedules: SingleBar;
  private readonly groups: SingleBar;

  constructor(stream: NodeJS.WritableStream, totalSchedules: number) {
    this.bars = new MultiBar(
      {
        stream,
        format: ' {label} {bar} {value}/{total} {detail}',
        hideCursor: true,
        clearOnComplete: false,
        barsize: 30,
        fps: 10,
      },
      Presets.shades_classic,
    );
    this.stage = this.bars.create(STAGE_COUNT, 0, { label: 'Stage    ', detail: '' });
    this.schedules = this.bars.create(totalSchedules, 0, { label: 'Schedules', detail: 'filtered' });
    this.groups = this.bars.create(1, 0, { label: 'Groups   ', detail: 'invoiced (waiting for filtering)' });
  }

  update(progress: EmbeddedRunProgress): void {
    if (progress.phase !== 'Running') {
      this.stage.update(progress.phase === 'ReadingResults' ? STAGE_COUNT : 0, {
        detail: phaseText(progress),
      });
      return;
    }
    this.stage.update(stageNumber(progress.statusSubtype), { detail: phaseText(progress) });
    this.schedules.update(progress.schedulesScanned, {
      detail: `filtered, ${progress.schedulesSelected} selected`,
    });
    if (progress.groupsExpected > 0) {
      this.groups.setTotal(progress.groupsExpected);
      this.groups.update(progress.groupsDone, { detail: `invoiced, ${progress.groupsFailed} failed` });
    }
    this.render();
  }

  /**
   * Draws now: cli-progress redraws on a timer, and timers hardly get a turn while the in-process
   * pipeline runs (one long chain of promises), so every update draws itself.
   */
  private render(): void {
    this.bars.update();
  }

  stop(): void {
    this.bars.stop();
  }
}

/** Plain lines when stdout is not a terminal (CI logs, pipes): one per change of stage or quarter of the groups. */
export class PlainProgressDisplay implements ProgressDisplay {
  private lastLine = '';
  private readonly startedAt = Date.now();

  constructor(private readonly write: (text: string) => void) {}

  update(progress: EmbeddedRunProgress): void {
    let line = phaseText(progress);
    if (progress.phase === 'Running' && progress.groupsExpected > 0) {
      const quarter = Math.floor((4 * progress.groupsDone) / progress.groupsExpected) / 4;
      line += `: ${Math.round(quarter * 100)} % of ${progress.groupsExpected} groups`;
    }
    if (line === this.lastLine) return;
    this.lastLine = line;
    const seconds = ((Date.now() - this.startedAt) / 1000).toFixed(1).padStart(6);
    this.write(`[${seconds} s] ${line}\n`);
  }

  stop(): void {
    return;
  }
}
