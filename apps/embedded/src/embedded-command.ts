import type { CommandOutput } from './command-output';
import { runDemoCommand } from './demo-command';
import { runScenarioCommand } from './scenario-command';

/**
 * `main.ts [flags]` runs the demo (`npm start`); `main.ts scenario <file>` runs a scenario file
 * (`npm run scenario -- <file>`). `today` is the org's today for the demo (UTC date).
 */
export async function runEmbeddedCommand(
  args: readonly string[],
  output: CommandOutput,
  today: string = new Date().toISOString().slice(0, 10),
): Promise<number> {
  if (args[0] === 'scenario') return runScenarioCommand(args.slice(1), output);
  return runDemoCommand(args, output, today);
}
