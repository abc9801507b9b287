import { loadConfiguration } from '@invoice-engine/config';
import { apiTokensOf } from './api-tokens';
import { SchedulingConfiguration } from './scheduling.config';

describe('the scheduling service configuration', () => {
  it('reads callers, roles and tokens from API_TOKENS', () => {
    const configuration = loadConfiguration('scheduling', SchedulingConfiguration, {
      API_TOKENS: 'ops:billing-operator:0123456789abcdef, grafana:billing-viewer:fedcba9876543210',
    });
    expect(apiTokensOf(configuration.API_TOKENS)).toEqual([
      { caller: 'ops', roles: ['billing-operator'], token: '0123456789abcdef' },
      { caller: 'grafana', roles: ['billing-viewer'], token: 'fedcba9876543210' },
    ]);
  });

  it('refuses to start without tokens, with a short token or an unknown role', () => {
    expect(() => loadConfiguration('scheduling', SchedulingConfiguration, {})).toThrow(/API_TOKENS/);
    expect(() =>
      loadConfiguration('scheduling', SchedulingConfiguration, { API_TOKENS: 'ops:billing-operator:short' }),
    ).toThrow(/at least 16 characters/);
    expect(() =>
      loadConfiguration('scheduling', SchedulingConfiguration, { API_TOKENS: 'ops:admin:0123456789abcdef' }),
    ).toThrow(/API_TOKENS/);
  });
});
