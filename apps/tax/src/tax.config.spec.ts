import { describe, expect, it } from '@jest/globals';
import { ConfigurationError, loadConfiguration } from '@invoice-engine/config';
import { TaxConfiguration, taxEngineSettingsOf } from './tax.config';

describe('the tax service configuration', () => {
  it('runs the built-in rate table from the example file when nothing is set', () => {
    const configuration = loadConfiguration('tax', TaxConfiguration, {});
    expect(taxEngineSettingsOf(configuration)).toEqual({
      kind: 'rate-table',
      ratesFile: 'apps/tax/tax-rates.example.json',
    });
  });

  it('reads the outside engine settings', () => {
    const configuration = loadConfiguration('tax', TaxConfiguration, {
      TAX_ENGINE_KIND: 'http',
      TAX_ENGINE_URL: 'http://tax-engine:8080/v1/tax',
      TAX_ENGINE_TIMEOUT_MS: '500',
      TAX_ENGINE_RETRIES: '0',
    });
    expect(taxEngineSettingsOf(configuration)).toEqual({
      kind: 'http',
      url: 'http://tax-engine:8080/v1/tax',
      timeoutMs: 500,
      retries: 0,
      backoffMs: 200,
    });
  });

  it('fails at boot, naming the variables, when the outside engine has no URL or a bad timeout', () => {
    const load = () =>
      loadConfiguration('tax', TaxConfiguration, { TAX_ENGINE_KIND: 'http', TAX_ENGINE_TIMEOUT_MS: 'soon' });
    expect(load).toThrow(ConfigurationError);
    expect(load).toThrow(/TAX_ENGINE_URL \(missing\)/);
    expect(load).toThrow(/TAX_ENGINE_TIMEOUT_MS \(got "soon"\)/);
  });
});
