import { logLevel, type LogEntry, type logCreator } from 'kafkajs';

/**
 * The structured logger this library writes to. A pino logger fits as is; anything with these four
 * methods does. Fields go first, the message second (pino's order).
 */
export interface MessagingLogger {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export const silentMessagingLogger: MessagingLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/**
 * Routes kafkajs' own logging into the structured logger, one level down: kafkajs logs every failed
 * connection attempt and retry as an error, while the caller gets one clear error of its own
 * (`KafkaBrokerUnreachableError`). A real failure still surfaces as a thrown error, never only a log line.
 */
export function kafkaLogCreator(logger: MessagingLogger): logCreator {
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, timestamp: _timestamp, ...extra } = log;
      const fields = { component: 'kafkajs', namespace, ...extra };
      switch (level) {
        case logLevel.ERROR:
          logger.warn(fields, message);
          return;
        case logLevel.WARN:
          logger.info(fields, message);
          return;
        case logLevel.INFO:
        case logLevel.DEBUG:
        case logLevel.NOTHING:
          logger.debug(fields, message);
          return;
      }
    };
}
