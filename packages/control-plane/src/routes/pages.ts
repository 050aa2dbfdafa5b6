import type { IncomingMessage } from 'node:http';
import { userForGitHubIdentity } from '../accounts';
import type { Context } from '../context';
import { csrfToken, requireCsrfToken, requireSameOrigin, safeNext } from '../csrf';
import { githubAuthorizeUrl, githubIdentity } from '../github';
import { escapeHtml, HttpError, parseCookies, readForm, redirect, sendHtml } from '../http';
import { clientAddress } from '../rate-limit';
import type { Route } from '../router';
import { normalizeUserCode, randomSecret, sessionPrefix, sha256Hex } from '../secrets';
import { currentSession, sessionCookieName, sessionOf } from '../sessions';
import type { StoredUser } from '../state';
import type { Tx } from '../store/types';
import { findPendingByUserCode } from './device';

/** Before sign-in: the secret the sign-in form's CSRF token is derived from. */
export const loginNonceCookieName = 'dlthub_login';
/** The GitHub OAuth `state` and where to go afterwards, for the callback only. */
export const oauthStateCookieName = 'dlthub_oauth';

/** The one answer to every failed demo sign-in, so usernames cannot be enumerated. */
export const signInFailed = 'Sign-in failed.';

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · dltHub local control plane</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}
input{font-size:1.2rem;padding:.3rem;letter-spacing:.1em}button,.button{font-size:1rem;margin-right:.5rem;padding:.4rem 1rem}
.error{color:#a00}.note{color:#555}.demo{border:2px dashed #c60;padding:.5rem 1rem}</style></head>
<body><h1>${escapeHtml(title)}</h1>
${body}
</body></html>
`;
}

function cookie(
  ctx: Context,
  name: string,
  value: string,
  options: { maxAge: number; path?: string; sameSite?: string },
) {
  const secure = ctx.baseUrl().startsWith('https:') ? '; Secure' : '';
  return `${name}=${value}; Path=${options.path ?? '/'}; HttpOnly; SameSite=${options.sameSite ?? 'Strict'}; Max-Age=${options.maxAge}${secure}`;
}

function ownOrigins(ctx: Context): string[] {
  return [ctx.baseUrl(), ctx.listenUrl()];
}

function loginPage(ctx: Context, next: string, nonce: string, error?: string): string {
  const github = ctx.settings.github
    ? `<p><a class="button" id="github-sign-in" href="/login/github?next=${encodeURIComponent(next)}">Sign in with GitHub</a></p>`
    : '';
  const demo = ctx.settings.demoSignIn
    ? `<div class="demo"><p><strong>Demo sign-in</strong> (no password; for local demos and tests only, on a loopback address).</p>
<form method="post" action="/login">
<input type="hidden" name="next" value="${escapeHtml(next)}">
<input type="hidden" name="csrf" value="${csrfToken('login', nonce)}">
<label for="username">Username</label><br>
<input id="username" name="username" autocomplete="username" required autofocus>
<button type="submit" id="sign-in">Sign in</button>
</form></div>`
    : '';
  const none =
    !github && !demo
      ? `<p class="error">No sign-in method is configured. Start the server with <code>--github-client-id</code> (or <code>--demo-sign-in</code> on loopback for demos).</p>`
      : '';
  return page(
    'Sign in',
    `${error ? `<p class="error" id="error">${escapeHtml(error)}</p>` : ''}${github}${demo}${none}`,
  );
}

function sendLoginPage(
  ctx: Context,
  req: IncomingMessage,
  res: Parameters<Route['handle']>[0]['res'],
  next: string,
  status = 200,
  error?: string,
) {
  // Reuse the browser's nonce while it lasts so several open tabs keep working.
  const nonce = parseCookies(req)[loginNonceCookieName] || randomSecret('', 24);
  sendHtml(res, status, loginPage(ctx, next, nonce, error), {
    'set-cookie': cookie(ctx, loginNonceCookieName, nonce, { maxAge: 3600, path: '/login' }),
  });
}

function deviceForm(user: StoredUser, session: string, userCode: string, error?: string): string {
  return page(
    'Connect a device',
    `<p>Signed in as <strong id="signed-in-user">${escapeHtml(user.username)}</strong>.</p>
${error ? `<p class="error" id="error">${escapeHtml(error)}</p>` : ''}
<p>Enter the code shown in your terminal. Only approve it if you started <code>dlthub login</code> yourself.</p>
<form method="post" action="/device">
<input type="hidden" name="csrf" value="${csrfToken('session', session)}">
<label for="user_code">Code</label><br>
<input id="user_code" name="user_code" value="${escapeHtml(userCode)}" placeholder="XXXX-XXXX" autocomplete="off" required>
<p><button type="submit" name="action" value="approve" id="approve">Approve</button>
<button type="submit" name="action" value="deny" id="deny">Deny</button></p>
</form>
<form method="post" action="/logout"><input type="hidden" name="csrf" value="${csrfToken('session', session)}">
<button type="submit" id="sign-out">Sign out</button></form>`,
  );
}

/** Records a new browser session for `user` (in the caller's transaction); returns the cookie value. */
async function startSession(ctx: Context, tx: Tx, user: StoredUser): Promise<string> {
  const session = randomSecret(sessionPrefix);
  const now = ctx.now().getTime();
  await tx.removeExpired('sessions', new Date(now));
  await tx.insert('sessions', {
    session_hash: sha256Hex(session),
    user_id: user.id,
    expires_at: new Date(now + ctx.settings.sessionTtlSeconds * 1000).toISOString(),
  });
  return session;
}

function sessionCookie(ctx: Context, session: string): string {
  return cookie(ctx, sessionCookieName, session, { maxAge: ctx.settings.sessionTtlSeconds });
}

export const pageRoutes: Route[] = [
  {
    method: 'GET',
    path: '/',
    handle: ({ res }) => redirect(res, '/device'),
  },
  {
    method: 'GET',
    path: '/login',
    handle: ({ ctx, req, res, url }) => sendLoginPage(ctx, req, res, safeNext(url.searchParams.get('next'))),
  },
  {
    method: 'POST',
    path: '/login',
    handle: async ({ ctx, req, res }) => {
      if (!ctx.settings.demoSignIn) throw new HttpError(404, 'Username sign-in is off; sign in with GitHub.');
      requireSameOrigin(req, ownOrigins(ctx));
      const form = await readForm(req);
      requireCsrfToken('login', parseCookies(req)[loginNonceCookieName], form.csrf);
      const next = safeNext(form.next);
      const username = (form.username ?? '').trim();
      const session = await ctx.store.write(async (tx) => {
        const user = await tx.find('users', { username });
        return user ? startSession(ctx, tx, user) : undefined;
      });
      if (!session) {
        sendLoginPage(ctx, req, res, next, 401, signInFailed);
        return;
      }
      redirect(res, next, { 'set-cookie': sessionCookie(ctx, session) });
    },
  },
  {
    method: 'GET',
    path: '/login/github',
    handle: ({ ctx, res, url }) => {
      const github = ctx.settings.github;
      if (!github) throw new HttpError(404, 'GitHub sign-in is not configured on this server.');
      const state = randomSecret('', 24);
      const next = safeNext(url.searchParams.get('next'));
      // Lax, not Strict: the callback is a top-level navigation coming back from GitHub.
      redirect(res, githubAuthorizeUrl(github, `${ctx.baseUrl()}/login/github/callback`, state), {
        'set-cookie': cookie(ctx, oauthStateCookieName, encodeURIComponent(`${state} ${next}`), {
          maxAge: 600,
          path: '/login/github',
          sameSite: 'Lax',
        }),
      });
    },
  },
  {
    method: 'GET',
    path: '/login/github/callback',
    handle: async ({ ctx, req, res, url }) => {
      const github = ctx.settings.github;
      if (!github) throw new HttpError(404, 'GitHub sign-in is not configured on this server.');
      const [expectedState = '', rawNext] = (parseCookies(req)[oauthStateCookieName] ?? '').split(' ');
      const state = url.searchParams.get('state') ?? '';
      const code = url.searchParams.get('code') ?? '';
      if (!expectedState || state !== expectedState || !code) {
        throw new HttpError(400, 'The GitHub sign-in could not be verified (state mismatch); start again from /login.');
      }
      const identity = await githubIdentity(github, code, `${ctx.baseUrl()}/login/github/callback`);
      const { user, session } = await ctx.store.write(async (tx) => {
        const signedIn = await userForGitHubIdentity(tx, identity, ctx.now());
        return { user: signedIn, session: await startSession(ctx, tx, signedIn) };
      });
      const next = safeNext(rawNext);
      // A page, not a redirect: a SameSite=Strict cookie set during a navigation that began on
      // GitHub is only sent once the browser navigates from one of our own pages.
      sendHtml(
        res,
        200,
        page(
          'Signed in',
          `<p id="result">Signed in as ${escapeHtml(user.username)}.</p><p><a id="continue" href="${escapeHtml(next)}">Continue</a></p>`,
        ).replace('<head>', `<head><meta http-equiv="refresh" content="0; url=${escapeHtml(next)}">`),
        {
          'set-cookie': [
            sessionCookie(ctx, session),
            cookie(ctx, oauthStateCookieName, '', { maxAge: 0, path: '/login/github', sameSite: 'Lax' }),
          ],
        },
      );
    },
  },
  {
    method: 'GET',
    path: '/device',
    handle: async ({ ctx, req, res, url }) => {
      const userCode = url.searchParams.get('user_code') ?? '';
      const signedIn = await currentSession(ctx, req);
      if (!signedIn) {
        redirect(
          res,
          `/login?next=${encodeURIComponent(`/device${userCode ? `?user_code=${encodeURIComponent(userCode)}` : ''}`)}`,
        );
        return;
      }
      sendHtml(res, 200, deviceForm(signedIn.user, signedIn.session, userCode));
    },
  },
  {
    method: 'POST',
    path: '/device',
    handle: async ({ ctx, req, res }) => {
      requireSameOrigin(req, ownOrigins(ctx));
      const signedIn = await currentSession(ctx, req);
      if (!signedIn) {
        redirect(res, '/login?next=%2Fdevice');
        return;
      }
      const form = await readForm(req);
      requireCsrfToken('session', signedIn.session, form.csrf);
      const { user, session } = signedIn;
      const typed = form.user_code ?? '';
      const action = form.action === 'deny' ? 'deny' : form.action === 'approve' ? 'approve' : undefined;
      if (!action) {
        sendHtml(res, 400, deviceForm(user, session, typed, 'Choose Approve or Deny.'));
        return;
      }
      // Lockout: after N wrong codes from one address, no code is even looked at until the window passes.
      const address = clientAddress(req);
      const wait = ctx.limiters.wrongUserCodes.retryAfter(address);
      if (wait > 0) {
        sendHtml(res, 429, deviceForm(user, session, typed, `Too many wrong codes; try again in ${wait} s.`), {
          'retry-after': String(wait),
        });
        return;
      }
      const userCode = normalizeUserCode(typed);
      // The session is checked again in the write: a sign-out in between must stop the approval.
      const decided = await ctx.store.write(async (tx) => {
        if ((await sessionOf(ctx, tx, req))?.user.id !== user.id) throw new HttpError(403, 'Your session has ended.');
        const pending = await findPendingByUserCode(ctx, tx, userCode);
        if (!pending) return false;
        const status = action === 'approve' ? 'approved' : 'denied';
        await tx.update('device_codes', { device_code_hash: pending.device_code_hash }, { status, user_id: user.id });
        return true;
      });
      if (!decided) {
        ctx.limiters.wrongUserCodes.record(address);
        sendHtml(
          res,
          400,
          deviceForm(user, session, typed, `Code "${typed}" is unknown, expired or already used. Check your terminal.`),
        );
        return;
      }
      const message =
        action === 'approve'
          ? `<p id="result">Device approved. You can return to your terminal.</p>`
          : `<p id="result">Request denied. Nothing was signed in.</p>`;
      sendHtml(res, 200, page(action === 'approve' ? 'Device approved' : 'Request denied', message));
    },
  },
  {
    method: 'POST',
    path: '/logout',
    handle: async ({ ctx, req, res }) => {
      requireSameOrigin(req, ownOrigins(ctx));
      const signedIn = await currentSession(ctx, req);
      if (signedIn) {
        requireCsrfToken('session', signedIn.session, (await readForm(req)).csrf);
        const hash = sha256Hex(signedIn.session);
        await ctx.store.write((tx) => tx.remove('sessions', { session_hash: hash }));
      }
      redirect(res, '/login', { 'set-cookie': cookie(ctx, sessionCookieName, '', { maxAge: 0 }) });
    },
  },
];
