import { runBatchRunEmbedded, type EmbeddedBatchRunResult } from '@invoice-engine/embedded';
import { calendarDate, currencyCode, DomainError } from '@invoice-engine/kernel';
import type { CommandOutput } from './command-output';
import { demoDataSet } from './demo/demo-data-set';
import { DEMO_HELP, parseDemoCommandLine, type DemoOptions } from './demo/demo-options';
import { DEMO_CURRENCY, demoReport } from './demo/demo-report';
import { LiveProgressDisplay, PlainProgressDisplay, type ProgressDisplay } from './demo/progress-display';

/** The org of the demo: today is the machine's UTC date, USD is the default currency. */
function demoOrg(today: string) {
  return {
    today: calendarDate(today),
    defaultCurrency: currencyCode(DEMO_CURRENCY),
    maxTargetDateOffsetMonths: 12,
    maxLinesPerInvoice: 2000,
  };
}

async function runDemo(
  options: DemoOptions,
  today: string,
  output: CommandOutput,
): Promise<EmbeddedBatchRunResult> {
  const data = demoDataSet(options);
  const display: ProgressDisplay = output.isTerminal
    ? new LiveProgressDisplay(process.stdout, options.schedules)
    : new PlainProgressDisplay((text) => output.out(text));
  try {
    return await runBatchRunEmbedded({
      schedules: data.schedules,
      taxRates: data.taxRates,
      paymentTerms: data.paymentTerms,
      org: demoOrg(today),
      run: {
        targetDate: options.targetDate,
        invoiceDate: options.targetDate,
        invoiceStatus: options.invoiceStatus,
        criteria: {
          currencies: null,
          billingBatches: null,
          legalEntityIds: null,
          billingAccountIds: null,
          chargeTypes: null,
        },
        billingPeriodCount: null,
      },
      onProgress: (progress) => display.update(progress),
      tuning: {
        dataDirectory: options.dataDirectory,
        filteringProgressEvery: Math.max(100, Math.ceil(options.schedules / 20)),
        generationCheckpointEvery: 10,
      },
    });
  } finally {
    display.stop();
  }
}

/**
 * `npm start [flags]`: generates the demo data set, runs one batch run in embedded mode with a live
 * progress display, and prints the summary, the counts by exclusion reason, a sample invoice and how
 * to start the distributed stack. Exit 0 after a run (Completed or Failed), 1 when the run is refused
 * (e.g. a target date past the limit), 2 for bad flags.
 */
export async function runDemoCommand(
  args: readonly string[],
  output: CommandOutput,
  today: string,
): Promise<number> {
  const commandLine = parseDemoCommandLine(args, calendarDate(today));
  if (commandLine.kind === 'help') {
    output.out(DEMO_HELP);
    return 0;
  }
  if (commandLine.kind === 'invalid') {
    output.err(`npm start: ${commandLine.message}\n\n${DEMO_HELP}`);
    return 2;
  }
  const { options } = commandLine;
  const startedAt = Date.now();
  try {
    const result = await runDemo(options, today, output);
    output.out(demoReport(result, options, (Date.now() - startedAt) / 1000));
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    output.err(`npm start: the run was refused: ${error.message} (${error.code})\n`);
    return 1;
  }
}
