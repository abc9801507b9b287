import 'reflect-metadata';
import { runScheduleLoaderCommand } from './schedule-loader-command';

runScheduleLoaderCommand(process.argv.slice(2), process.env).then(
  (exitCode) => process.exit(exitCode),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
