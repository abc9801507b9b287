import { instant, type Instant } from '@invoice-engine/kernel';

/** The only source of "now" for application code; domain code receives times in commands. */
export interface Clock {
  now(): Instant;
}

export class SystemClock implements Clock {
  now(): Instant {
    return instant(new Date().toISOString());
  }
}

/** A clock that says what it is told; for tests and simulations (scenario runs use the scenario's today). */
export class SettableClock implements Clock {
  constructor(private current: Instant) {}

  now(): Instant {
    return this.current;
  }

  set(next: Instant): void {
    this.current = next;
  }
}
