import { DlthubError } from '@dlthub/config-core';

/** Legacy dltHub API/auth URLs (dlt-semantics §5): `https://dlthub.<tld>/api/(api|auth)`. */
const legacyBaseUrl = /^https:\/\/dlthub\.(app|net|test|dev)\/api\/(api|auth)\/?$/;

/**
 * The control-plane origin the client talks to. Legacy `https://dlthub.(app|net|test|dev)/api/(api|auth)`
 * becomes `https://api.dlthub.<tld>` (as the dltHub client does); a trailing `/` or `/api/v1` is dropped
 * because every path already starts with `/api/v1`.
 */
export function normalizeApiBaseUrl(input: string): string {
  const trimmed = input.trim();
  const legacy = legacyBaseUrl.exec(trimmed);
  if (legacy) return `https://api.dlthub.${legacy[1]}`;
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw invalid(input, 'it is not a URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw invalid(input, `${url.protocol} is not http(s)`);
  if (url.search || url.hash) throw invalid(input, 'it must not have a query or fragment');
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api\/v1$/, '');
  return `${url.origin}${path}`;
}

function invalid(input: string, why: string): DlthubError {
  return new DlthubError('InvalidConfigValue', `runtime.api_base_url "${input}" is not usable: ${why}.`, {
    keyPath: 'runtime.api_base_url',
    hint: 'Set [runtime] api_base_url (or RUNTIME__API_BASE_URL) to e.g. https://api.dlthub.com.',
  });
}
