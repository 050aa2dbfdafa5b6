import { CreateApiKeyRequestSchema, apiKeyExpiryDaysDefault } from './api-key';
import { PageQuerySchema, pageSchema } from './common';
import { DeviceCodeResponseSchema, DeviceTokenErrorSchema } from './device';
import { apiPaths } from './paths';
import { WorkspaceSchema } from './workspace';

describe('api schemas', () => {
  it('paged lists carry items, total, limit and offset', () => {
    const schema = pageSchema(WorkspaceSchema);
    expect(schema.safeParse({ items: [], total: 0, limit: 50, offset: 0 }).success).toBe(true);
    expect(schema.safeParse({ items: [], total: 0 }).success).toBe(false);
    expect(PageQuerySchema.parse({})).toEqual({ limit: 50, offset: 0 });
    expect(PageQuerySchema.safeParse({ limit: '1000' }).success).toBe(false);
  });

  it('device authorization response makes interval optional (RFC 8628 §3.2)', () => {
    const parsed = DeviceCodeResponseSchema.parse({
      device_code: 'd',
      user_code: 'BCDF-GHJK',
      verification_uri: 'https://example.test/device',
      expires_in: 900,
    });
    expect(parsed.interval).toBeUndefined();
    expect(DeviceCodeResponseSchema.safeParse({ ...parsed, expires_in: 0 }).success).toBe(false);
  });

  it('keeps unknown device token error codes so a client can report them', () => {
    expect(DeviceTokenErrorSchema.parse({ error: 'device_flow_disabled' }).error).toBe('device_flow_disabled');
  });

  it('API key expiry is 1..365 days, default 90', () => {
    expect(CreateApiKeyRequestSchema.parse({ name: 'ci' }).expires_in_days).toBe(apiKeyExpiryDaysDefault);
    expect(CreateApiKeyRequestSchema.safeParse({ name: 'ci', expires_in_days: 0 }).success).toBe(false);
    expect(CreateApiKeyRequestSchema.safeParse({ name: 'ci', expires_in_days: 366 }).success).toBe(false);
  });

  it('encodes ids in paths', () => {
    expect(apiPaths.workspaceRepository('a/b')).toBe('/api/v1/workspaces/a%2Fb/repository');
  });
});
