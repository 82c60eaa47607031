import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config.ts';

describe('configuration from the environment', () => {
  it('starts with no configuration at all: embedded database, port 8080, 10,000 sample plots', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 8080, host: '127.0.0.1', databaseUrl: null, seedPlots: 10_000 });
    expect(config.dataDir).toMatch(/\.data$/);
  });

  it('takes DATABASE_URL, PORT and DEMO_PASSWORD', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u@h/db',
      PORT: '9000',
      DEMO_PASSWORD: 'long-enough',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://u@h/db',
      port: 9000,
      demoPassword: 'long-enough',
    });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be an integer/],
    [{ PORT: '70000' }, /PORT must be an integer from 0 to 65535/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must start with postgres/],
    [{ DEMO_PASSWORD: 'short' }, /DEMO_PASSWORD must be at least 8/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ SEED_ON_START: 'maybe' }, /SEED_ON_START must be true or false/],
  ])('refuses %o with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
