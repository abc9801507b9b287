/** Where a command writes: stdout, stderr, and whether stdout is a terminal (for the live display). */
export interface CommandOutput {
  out(text: string): void;
  err(text: string): void;
  readonly isTerminal: boolean;
}

export const processOutput: CommandOutput = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  isTerminal: process.stdout.isTTY === true,
};
