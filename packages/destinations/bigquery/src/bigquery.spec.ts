import { createRegistry } from '@dlthub/config-core';
import { bigqueryDestination, plugin } from './index';

describe('bigquery destination', () => {
  it('registers the bigquery type', () => {
    expect(createRegistry([plugin]).getDestination('bigquery')).toBe(bigqueryDestination);
  });

  it("offers dlt's two-member union, service account then OAuth (machine defaults are no third member)", () => {
    expect(bigqueryDestination.credentialsSchemas.map((variant) => variant.name)).toEqual(['service_account', 'oauth']);
    expect(bigqueryDestination.selectCredentials).toBeUndefined();
  });

  it('keeps location, project and timeouts at the destination level with dlt defaults', () => {
    expect(bigqueryDestination.configSchema.parse({})).toMatchObject({
      location: 'US',
      http_timeout: 15,
      file_upload_timeout: 1800,
      retry_deadline: 60,
      batch_size: 500,
    });
    expect(bigqueryDestination.configSchema.safeParse({ http_timeout: 'soon' }).success).toBe(false);
    expect(bigqueryDestination.configSchema.parse({ location: 'EU', project_id: 'p' })).toMatchObject({
      location: 'EU',
      project_id: 'p',
    });
  });

  it('parses a service-account JSON key as the native credentials, as written (newline fix-up only when complete)', () => {
    const native = JSON.stringify({
      type: 'service_account',
      project_id: 'p',
      client_email: 'e@p',
      private_key: 'KEY',
    });
    expect(bigqueryDestination.credentialsSchemas[0]?.parseNative!(native)).toEqual({
      project_id: 'p',
      client_email: 'e@p',
      // `type` equals its default, so it is not counted as set by the native value.
      private_key: 'KEY',
    });
  });

  it('scaffolds service-account placeholders', () => {
    expect(bigqueryDestination.scaffold.prod).toEqual({
      config: { location: 'US' },
      credentials: { project_id: '<configure me>', private_key: '<configure me>', client_email: '<configure me>' },
    });
  });
});
