import type { OrgSettings } from '../request-run/org-settings';
import type { ApiToken } from './http/api-auth.guard';

/** What the scheduling service is configured with (parsed from the environment by the app). */
export interface SchedulingOptions {
  readonly org: OrgSettings;
  /** Bearer tokens of the HTTP API and their roles. */
  readonly apiTokens: readonly ApiToken[];
  /** Whether this instance runs the timer (every replica may: firing is exactly once anyway). */
  readonly timerEnabled: boolean;
  readonly timerIntervalMs: number;
  readonly producer: string;
}

export const SCHEDULING_OPTIONS = Symbol('SchedulingOptions');
