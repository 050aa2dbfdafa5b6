/**
 * GitHub's OAuth web flow (https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps):
 * redirect to `<github>/login/oauth/authorize`, exchange the returned code at
 * `<github>/login/oauth/access_token`, then read the user from the REST API (`api.github.com`, or
 * `<github>/api/v3` on GitHub Enterprise Server). Only identity is taken from GitHub; organizations
 * and roles stay the control plane's.
 */
import { z } from 'zod';
import { HttpError } from './http';

export interface GitHubOAuthSettings {
  clientId: string;
  clientSecret: string;
  /** `https://github.com` or a GitHub Enterprise Server URL. */
  url: string;
}

export interface GitHubIdentity {
  id: number;
  login: string;
  name: string | null;
  email: string | null;
}

export function githubApiUrl(githubUrl: string): string {
  const base = githubUrl.replace(/\/+$/, '');
  return base === 'https://github.com' ? 'https://api.github.com' : `${base}/api/v3`;
}

export function githubAuthorizeUrl(settings: GitHubOAuthSettings, redirectUri: string, state: string): string {
  const url = new URL(`${settings.url.replace(/\/+$/, '')}/login/oauth/authorize`);
  url.searchParams.set('client_id', settings.clientId);
  url.searchParams.set('redirect_uri', redirectUri);
  url.searchParams.set('state', state);
  url.searchParams.set('scope', 'read:user user:email');
  url.searchParams.set('allow_signup', 'false');
  return url.toString();
}

const TokenAnswer = z.object({ access_token: z.string().min(1) });
const UserAnswer = z.object({
  id: z.number().int(),
  login: z.string().min(1),
  name: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
});

const githubTimeoutMs = 10_000;

/** Exchanges the callback's code for the user's identity; any failure is a 502 that names no secret. */
export async function githubIdentity(
  settings: GitHubOAuthSettings,
  code: string,
  redirectUri: string,
): Promise<GitHubIdentity> {
  try {
    const tokenResponse = await fetch(`${settings.url.replace(/\/+$/, '')}/login/oauth/access_token`, {
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: settings.clientId,
        client_secret: settings.clientSecret,
        code,
        redirect_uri: redirectUri,
      }).toString(),
      signal: AbortSignal.timeout(githubTimeoutMs),
    });
    const token = TokenAnswer.safeParse(await tokenResponse.json());
    if (!tokenResponse.ok || !token.success) throw new Error(`token exchange answered ${tokenResponse.status}`);
    const userResponse = await fetch(`${githubApiUrl(settings.url)}/user`, {
      headers: {
        accept: 'application/vnd.github+json',
        authorization: `Bearer ${token.data.access_token}`,
        'user-agent': 'dlthub-control-plane',
      },
      signal: AbortSignal.timeout(githubTimeoutMs),
    });
    const user = UserAnswer.safeParse(await userResponse.json());
    if (!userResponse.ok || !user.success) throw new Error(`user lookup answered ${userResponse.status}`);
    return { id: user.data.id, login: user.data.login, name: user.data.name ?? null, email: user.data.email ?? null };
  } catch (error) {
    throw new HttpError(502, `Signing in with GitHub failed (${(error as Error).message}); try again.`);
  }
}
