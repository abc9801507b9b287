import pino, { type Logger } from 'pino';

export type AppLogger = Logger;

/** What every log line about a message carries (STYLE: correlation id, run id and message id on every line). */
export interface MessageLogContext {
  readonly correlationId: string;
  readonly runId: string | null;
  readonly messageId: string;
}

/** A JSON logger for one service; `level` comes from the app's validated configuration. */
export function createAppLogger(
  service: string,
  level: string,
  destination?: pino.DestinationStream,
): AppLogger {
  const options = { level, base: { service }, timestamp: pino.stdTimeFunctions.isoTime };
  return destination ? pino(options, destination) : pino(options);
}

export function loggerForMessage(logger: AppLogger, context: MessageLogContext): AppLogger {
  return logger.child({
    correlationId: context.correlationId,
    runId: context.runId,
    messageId: context.messageId,
  });
}
