import { WholeNumber } from '@invoice-engine/config';
import type { TaxEngineSettings } from '@invoice-engine/generation-application';
import { IsIn, IsInt, IsString, IsUrl, Max, Min, MinLength, ValidateIf } from 'class-validator';

/** The tax service's own settings: which engine, and how to reach it. */
export class TaxConfiguration {
  /** `rate-table`: the built-in engine over TAX_RATES_FILE; `http`: an outside engine at TAX_ENGINE_URL. */
  @IsIn(['rate-table', 'http'])
  TAX_ENGINE_KIND: TaxEngineSettings['kind'] = 'rate-table';

  /** JSON array of `{taxCode, country, region|null, rate, effectiveFrom}`. */
  @ValidateIf((configuration: TaxConfiguration) => configuration.TAX_ENGINE_KIND === 'rate-table')
  @IsString()
  @MinLength(1)
  TAX_RATES_FILE = 'apps/tax/tax-rates.example.json';

  @ValidateIf((configuration: TaxConfiguration) => configuration.TAX_ENGINE_KIND === 'http')
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  TAX_ENGINE_URL = '';

  /** Longest wait for one call of the outside engine. */
  @WholeNumber()
  @IsInt()
  @Min(50)
  @Max(120_000)
  TAX_ENGINE_TIMEOUT_MS = 2000;

  /** Further calls after a timeout or a 5xx before the request is handed back for a later retry. */
  @WholeNumber()
  @IsInt()
  @Min(0)
  @Max(10)
  TAX_ENGINE_RETRIES = 2;

  /** Wait before the first retry; doubles with each one. */
  @WholeNumber()
  @IsInt()
  @Min(0)
  @Max(60_000)
  TAX_ENGINE_BACKOFF_MS = 200;
}

export function taxEngineSettingsOf(configuration: TaxConfiguration): TaxEngineSettings {
  if (configuration.TAX_ENGINE_KIND === 'rate-table') {
    return { kind: 'rate-table', ratesFile: configuration.TAX_RATES_FILE };
  }
  return {
    kind: 'http',
    url: configuration.TAX_ENGINE_URL,
    timeoutMs: configuration.TAX_ENGINE_TIMEOUT_MS,
    retries: configuration.TAX_ENGINE_RETRIES,
    backoffMs: configuration.TAX_ENGINE_BACKOFF_MS,
  };
}
