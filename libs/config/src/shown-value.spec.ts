import { shownValue } from './shown-value';

describe('the value a configuration error shows', () => {
  it('says a variable is missing', () => {
    expect(shownValue('DATABASE_URL', undefined)).toBe('missing');
  });

  it('shows an ordinary value as it was given', () => {
    expect(shownValue('HTTP_PORT', 'eighty')).toBe('got "eighty"');
  });

  it.each(['API_TOKENS', 'KAFKA_SASL_PASSWORD', 'WEBHOOK_SECRET', 'TAX_ENGINE_API_KEY'])(
    'shows only the length of %s, whose name says it is a secret',
    (name) => {
      expect(shownValue(name, 'ops:billing-operator:short')).toBe('got a value of 26 characters, not shown');
    },
  );

  it('masks the password of a URL and keeps the rest', () => {
    expect(shownValue('DATABASE_URL', 'mysql://admin:hunter2@db:3306/engine')).toBe(
      'got "mysql://admin:***@db:3306/engine"',
    );
    expect(shownValue('EVENTSTORE_URL', 'esdb://admin:changeit@localhost:2113?tls=false')).toBe(
      'got "esdb://admin:***@localhost:2113?tls=false"',
    );
  });

  it('leaves a URL without a password as it is', () => {
    expect(shownValue('DATABASE_URL', 'postgres://postgres@127.0.0.1/test')).toBe(
      'got "postgres://postgres@127.0.0.1/test"',
    );
  });
});
