import { describe, expect, it } from 'vitest';
import { parseConfig, type ServerConfig } from '../../../server/config.js';

const parse = (argv: string[], env: NodeJS.ProcessEnv = {}) => parseConfig(argv, env) as ServerConfig;

describe('server config: token and renewal lifetimes', () => {
  it('keeps renewal credentials 30 days unless told otherwise, by flag or environment', () => {
    expect(parse([]).renewalTtlSeconds).toBe(30 * 24 * 3600);
    expect(parse([], { COURTDESK_RENEWAL_TTL: '86400' }).renewalTtlSeconds).toBe(86_400);
    expect(parse(['--renewal-ttl', '7200'], { COURTDESK_RENEWAL_TTL: '86400' }).renewalTtlSeconds).toBe(7_200);
    expect(() => parse(['--renewal-ttl', '10'])).toThrow();
  });

  it('accepts tokens as short as a second, so tests can let them lapse', () => {
    expect(parse(['--token-ttl', '2']).tokenTtlSeconds).toBe(2);
    expect(() => parse(['--token-ttl', '0'])).toThrow();
  });
});
