import { IsBoolean, IsIn, IsInt, IsString, Max, Min, ArrayNotEmpty, Matches } from 'class-validator';
import { ConfigurationError } from './config-error';
import { CommaSeparatedList, Flag, WholeNumber } from './environment-transforms';
import { loadConfiguration } from './load-configuration';

class SampleConfiguration {
  @CommaSeparatedList()
  @ArrayNotEmpty()
  @Matches(/^[^:\s]+:\d+$/, { each: true, message: 'each broker must be host:port' })
  KAFKA_BROKERS: string[] = ['127.0.0.1:9092'];

  @WholeNumber()
  @IsInt()
  @Min(1)
  @Max(65535)
  HTTP_PORT = 3000;

  @Flag()
  @IsBoolean()
  POSTED_BY_DEFAULT = false;

  @IsIn(['debug', 'info', 'warn', 'error'])
  LOG_LEVEL = 'info';

  @IsString()
  DATABASE_URL!: string;
}

describe('loading an app configuration from the environment', () => {
  it('converts the variables and keeps the defaults of those that are absent', () => {
    const configuration = loadConfiguration('sample', SampleConfiguration, {
      KAFKA_BROKERS: 'a:9092, b:9093',
      HTTP_PORT: '8080',
      POSTED_BY_DEFAULT: 'true',
      DATABASE_URL: 'postgres://127.0.0.1/test',
    });
    expect(configuration.KAFKA_BROKERS).toEqual(['a:9092', 'b:9093']);
    expect(configuration.HTTP_PORT).toBe(8080);
    expect(configuration.POSTED_BY_DEFAULT).toBe(true);
    expect(configuration.LOG_LEVEL).toBe('info');
  });

  it('names every missing or malformed variable in one error', () => {
    let caught: unknown;
    try {
      loadConfiguration('sample', SampleConfiguration, {
        HTTP_PORT: 'eighty',
        KAFKA_BROKERS: 'nohost',
        LOG_LEVEL: 'loud',
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigurationError);
    const message = (caught as ConfigurationError).message;
    expect(message).toContain('sample: invalid configuration');
    expect(message).toMatch(/HTTP_PORT \(got "eighty"\)/);
    expect(message).toMatch(/KAFKA_BROKERS \(got "nohost"\): each broker must be host:port/);
    expect(message).toMatch(/LOG_LEVEL \(got "loud"\)/);
    expect(message).toMatch(/DATABASE_URL \(missing\)/);
  });
});

class ConfigurationWithSecrets {
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  @Matches(/^.{16,}$/, { message: 'API_TOKEN must have at least 16 characters' })
  API_TOKEN!: string;
}

describe('a configuration error about a secret', () => {
  it('names the variable without writing the secret to the log', () => {
    const load = () =>
      loadConfiguration('sample', ConfigurationWithSecrets, {
        DATABASE_URL: 'mysql://admin:hunter2@db/engine',
        API_TOKEN: 'short-secret',
      });
    expect(load).toThrow(ConfigurationError);
    expect(load).toThrow(/DATABASE_URL \(got "mysql:\/\/admin:\*\*\*@db\/engine"\)/);
    expect(load).toThrow(/API_TOKEN \(got a value of 12 characters, not shown\)/);
    expect(load).not.toThrow(/hunter2|short-secret/);
  });
});
