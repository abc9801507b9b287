import 'reflect-metadata';
import { runProjectorCommand } from './projector-command';

runProjectorCommand(process.argv.slice(2), process.env).then(
  (exitCode) => {
    if (exitCode !== 0) process.exit(exitCode);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
