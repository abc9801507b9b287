import { runScenario, type ScenarioError } from '@invoice-engine/embedded';
import { readFile } from 'node:fs/promises';
import type { CommandOutput } from './command-output';

export const SCENARIO_USAGE = 'usage: npm run scenario -- <scenario.json>';

function printError(output: CommandOutput, error: ScenarioError): number {
  output.out(`${JSON.stringify({ error: { code: error.code, message: error.message } }, null, 2)}\n`);
  return 1;
}

/**
 * `scenario <file.json>`: runs the scenario through the embedded pipeline and prints the result JSON
 * (DOMAIN.md section 7) on stdout, exit 0. An unreadable or invalid file, or a run the engine refuses,
 * prints `{"error": {"code", "message"}}` and exits 1; a wrong command line exits 2.
 */
export async function runScenarioCommand(args: readonly string[], output: CommandOutput): Promise<number> {
  const [file, ...rest] = args;
  if (file === undefined || rest.length > 0 || file.startsWith('-')) {
    output.err(`${SCENARIO_USAGE}\n`);
    return 2;
  }
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    return printError(output, {
      code: 'SCENARIO.UNREADABLE',
      message: `Cannot read ${file}: ${(error as Error).message}`,
    });
  }
  const result = await runScenario(text);
  if (!result.ok) return printError(output, result.error);
  output.out(`${JSON.stringify(result.output, null, 2)}\n`);
  return 0;
}
