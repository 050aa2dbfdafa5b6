import type { DeviceCodeResponse } from '@dlthub/api-schema';
import { DlthubError } from '@dlthub/config-core';

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

function invalidResponse(why: string): DlthubError {
  return new DlthubError('Auth', `Login failed: the server sent an invalid device authorization response (${why}).`, {
    hint: 'Check runtime.api_base_url (RUNTIME__API_BASE_URL); it must point at a dltHub control plane.',
  });
}

/**
 * Only https verification URLs on the API's own host (or plain http on loopback, for the local
 * control plane) are shown or opened: RFC 8628 §5.4 remote phishing; gh checks the scheme too.
 */
export function checkVerificationUri(code: DeviceCodeResponse, apiBaseUrl: string): void {
  const apiHost = new URL(apiBaseUrl).hostname;
  for (const raw of [code.verification_uri, code.verification_uri_complete]) {
    if (raw === undefined) continue;
    const url = new URL(raw);
    const loopback = loopbackHosts.has(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback))
      throw invalidResponse(`${url.protocol} verification URL`);
    const sameSite =
      url.hostname === apiHost ||
      url.hostname.endsWith(`.${apiHost.replace(/^api\./, '')}`) ||
      apiHost.endsWith(`.${url.hostname}`);
    if (!sameSite && !(loopback && loopbackHosts.has(apiHost)))
      throw invalidResponse(`verification URL on ${url.hostname}, not ${apiHost}`);
  }
}
