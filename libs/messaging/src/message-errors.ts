/**
 * Throw from a message handler when trying again later can succeed (a database or downstream service
 * is briefly unavailable, an optimistic-concurrency conflict). The consumer retries it with backoff and
 * does not commit the offset meanwhile.
 */
export class TransientError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'TransientError';
  }
}

/**
 * Throw from a message handler when the message can never succeed (it breaks a rule of the domain).
 * The consumer sends it to the dead-letter topic with the reason and commits its offset.
 */
export class PermanentError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

/** The message could not be decoded or failed validation; like a permanent error, it is dead-lettered. */
export class InvalidMessageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'InvalidMessageError';
  }
}
