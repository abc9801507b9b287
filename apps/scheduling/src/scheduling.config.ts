import { CommaSeparatedList, Flag, WholeNumber } from '@invoice-engine/config';
import { isCurrencyCode } from '@invoice-engine/kernel';
import { ArrayNotEmpty, IsBoolean, IsInt, Matches, Max, Min, ValidateBy } from 'class-validator';

/**
 * The scheduling service's own settings; database and Kafka settings are the distributed ones.
 * `API_TOKENS` has no default: secrets come from the environment, never from the repository.
 */
export class SchedulingConfiguration {
  @WholeNumber()
  @IsInt()
  @Min(1)
  @Max(65_535)
  HTTP_PORT = 3000;

  /**
   * `caller:role[+role]:token` entries, comma-separated; roles are `billing-operator` (write) and
   * `billing-viewer` (read). Example: `ops:billing-operator:s3cret,grafana:billing-viewer:t0ken`.
   */
  @CommaSeparatedList()
  @ArrayNotEmpty({ message: 'API_TOKENS needs at least one caller:role:token entry' })
  @Matches(/^[^:\s]+:(billing-operator|billing-viewer)(\+(billing-operator|billing-viewer))?:\S{16,}$/, {
    each: true,
    message: 'each of API_TOKENS must be caller:role[+role]:token with a token of at least 16 characters',
  })
  API_TOKENS: string[] = [];

  @ValidateBy({
    name: 'isCurrencyCode',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isCurrencyCode(value),
      defaultMessage: () => 'DEFAULT_CURRENCY must be an ISO 4217 currency code',
    },
  })
  DEFAULT_CURRENCY = 'USD';

  /** A run's target date may be at most this many months after today (DOMAIN.md section 2). */
  @WholeNumber()
  @IsInt()
  @Min(0)
  @Max(120)
  MAX_TARGET_DATE_OFFSET_MONTHS = 12;

  /** Every replica may run the timer: a due scheduler fires exactly once anyway. */
  @Flag()
  @IsBoolean()
  SCHEDULER_TIMER_ENABLED = true;

  @WholeNumber()
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  SCHEDULER_TIMER_INTERVAL_MS = 5000;
}
