import 'reflect-metadata';
import { processOutput } from './command-output';
import { runEmbeddedCommand } from './embedded-command';

runEmbeddedCommand(process.argv.slice(2), processOutput).then(
  (exitCode) => {
    process.exitCode = exitCode;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
