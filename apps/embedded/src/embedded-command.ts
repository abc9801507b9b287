import type { CommandOutput } from './command-output';
import { runScenarioCommand } from './scenario-command';

/** `main.ts [demo flags]` runs the demo; `main.ts scenario <file>` runs a scenario file. */
export async function runEmbeddedCommand(args: readonly string[], output: CommandOutput): Promise<number> {
  if (args[0] === 'scenario') return runScenarioCommand(args.slice(1), output);
  output.err('demo not written yet\n');
  return 2;
}
