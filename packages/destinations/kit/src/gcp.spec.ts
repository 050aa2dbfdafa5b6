import { DlthubError } from '@dlthub/config-core';
import { ensureTrailingNewline, gcpCredentialsVariants, gcpOAuthVariant, gcpServiceAccountVariant } from './gcp';

const KEY = '-----BEGIN PRIVATE KEY-----\nMIIEabc\n-----END PRIVATE KEY-----';
const serviceAccountJson = JSON.stringify({
  type: 'service_account',
  project_id: 'acme-data',
  private_key_id: 'k1',
  private_key: KEY,
  client_email: 'loader@acme-data.iam.gserviceaccount.com',
  token_uri: 'https://oauth2.googleapis.com/token',
});

describe('GCP service account', () => {
  it('parses the key file JSON as written (the newline is a fix-up of complete credentials)', () => {
    expect(gcpServiceAccountVariant.parseNative?.(serviceAccountJson)).toEqual({
      project_id: 'acme-data',
      private_key_id: 'k1',
      private_key: KEY,
      client_email: 'loader@acme-data.iam.gserviceaccount.com',
    });
  });

  it('appends the trailing newline dlt adds to private_key in its fix-up, once', () => {
    expect(gcpServiceAccountVariant.onResolved?.({ project_id: 'p', private_key: KEY })).toEqual({
      project_id: 'p',
      private_key: `${KEY}\n`,
    });
    expect(ensureTrailingNewline(`${KEY}\n`)).toBe(`${KEY}\n`);
  });

  it('rejects text that is not JSON without echoing it', () => {
    let error: unknown;
    try {
      gcpServiceAccountVariant.parseNative?.('-----BEGIN PRIVATE KEY----- secret-material');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DlthubError);
    expect((error as DlthubError).message).not.toContain('secret-material');
  });

  it('rejects a JSON document of another credentials type', () => {
    expect(() => gcpServiceAccountVariant.parseNative?.('{"type": "authorized_user", "client_id": "x"}')).toThrow(
      /not "service_account"/,
    );
  });

  it('marks private_key secret', () => {
    expect(gcpServiceAccountVariant.secretFields).toEqual(['private_key']);
  });
});

describe('GCP OAuth', () => {
  it('unwraps a client-secrets file ({"installed": {...}})', () => {
    const native = JSON.stringify({ installed: { client_id: 'cid', client_secret: 'cs', project_id: 'p' } });
    expect(gcpOAuthVariant.parseNative?.(native)).toEqual({ client_id: 'cid', client_secret: 'cs', project_id: 'p' });
  });

  it('marks client_secret, refresh_token and token secret', () => {
    expect([...gcpOAuthVariant.secretFields].sort()).toEqual(['client_secret', 'refresh_token', 'token']);
  });
});

it("is dlt's two-member union, service account first (machine defaults are no third member)", () => {
  expect(gcpCredentialsVariants.map((variant) => variant.name)).toEqual(['service_account', 'oauth']);
});
