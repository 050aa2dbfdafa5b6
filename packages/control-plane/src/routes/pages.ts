import type { IncomingMessage } from 'node:http';
import type { Context } from '../context';
import { escapeHtml, HttpError, parseCookies, readForm, redirect, sendHtml } from '../http';
import type { Route } from '../router';
import { normalizeUserCode, randomSecret, sessionPrefix, sha256Hex } from '../secrets';
import type { StoredUser } from '../state';
import { findPendingByUserCode } from './device';

export const sessionCookieName = 'dlthub_session';

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · dltHub local control plane</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}
input{font-size:1.2rem;padding:.3rem;letter-spacing:.1em}button{font-size:1rem;margin-right:.5rem;padding:.4rem 1rem}
.error{color:#a00}.note{color:#555}</style></head>
<body><h1>${escapeHtml(title)}</h1>
${body}
</body></html>
`;
}

function signedInUser(ctx: Context, req: IncomingMessage): StoredUser | undefined {
  const session = parseCookies(req)[sessionCookieName];
  if (!session) return undefined;
  const hash = sha256Hex(session);
  const now = ctx.now().getTime();
  const record = ctx.store.state.sessions.find((s) => s.session_hash === hash && Date.parse(s.expires_at) > now);
  return record ? ctx.store.state.users.find((u) => u.id === record.user_id) : undefined;
}

/** Form posts must come from our own pages (the cookie is SameSite=Strict too). */
function requireSameOrigin(ctx: Context, req: IncomingMessage): void {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null' && origin !== ctx.baseUrl()) {
    throw new HttpError(403, 'Cross-origin form posts are not accepted.');
  }
}

/** Only local paths may be redirected to after sign-in. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : '/device';
}

function loginForm(next: string, error?: string): string {
  return page(
    'Sign in',
    `${error ? `<p class="error" id="error">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/login">
<input type="hidden" name="next" value="${escapeHtml(next)}">
<label for="username">Username</label><br>
<input id="username" name="username" autocomplete="username" required autofocus>
<button type="submit" id="sign-in">Sign in</button>
</form>
<p class="note">Demo sign-in: users come from the control plane's seed file.</p>`,
  );
}

function deviceForm(user: StoredUser, userCode: string, error?: string): string {
  return page(
    'Connect a device',
    `<p>Signed in as <strong id="signed-in-user">${escapeHtml(user.username)}</strong>.</p>
${error ? `<p class="error" id="error">${escapeHtml(error)}</p>` : ''}
<p>Enter the code shown in your terminal. Only approve it if you started <code>dlthub login</code> yourself.</p>
<form method="post" action="/device">
<label for="user_code">Code</label><br>
<input id="user_code" name="user_code" value="${escapeHtml(userCode)}" placeholder="XXXX-XXXX" autocomplete="off" required>
<p><button type="submit" name="action" value="approve" id="approve">Approve</button>
<button type="submit" name="action" value="deny" id="deny">Deny</button></p>
</form>`,
  );
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
    handle: ({ res, url }) => sendHtml(res, 200, loginForm(safeNext(url.searchParams.get('next')))),
  },
  {
    method: 'POST',
    path: '/login',
    handle: async ({ ctx, req, res }) => {
      requireSameOrigin(ctx, req);
      const form = await readForm(req);
      const next = safeNext(form.next);
      const username = typeof form.username === 'string' ? form.username.trim() : '';
      const user = ctx.store.state.users.find((u) => u.username === username);
      if (!user) {
        sendHtml(res, 401, loginForm(next, `No user named "${username}".`));
        return;
      }
      const session = randomSecret(sessionPrefix);
      await ctx.store.mutate((state) => {
        const now = ctx.now().getTime();
        state.sessions = state.sessions.filter((s) => Date.parse(s.expires_at) > now);
        state.sessions.push({
          session_hash: sha256Hex(session),
          user_id: user.id,
          expires_at: new Date(now + ctx.settings.sessionTtlSeconds * 1000).toISOString(),
        });
      });
      redirect(res, next, {
        'set-cookie': `${sessionCookieName}=${session}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${ctx.settings.sessionTtlSeconds}`,
      });
    },
  },
  {
    method: 'GET',
    path: '/device',
    handle: ({ ctx, req, res, url }) => {
      const userCode = url.searchParams.get('user_code') ?? '';
      const user = signedInUser(ctx, req);
      if (!user) {
        redirect(
          res,
          `/login?next=${encodeURIComponent(`/device${userCode ? `?user_code=${encodeURIComponent(userCode)}` : ''}`)}`,
        );
        return;
      }
      sendHtml(res, 200, deviceForm(user, userCode));
    },
  },
  {
    method: 'POST',
    path: '/device',
    handle: async ({ ctx, req, res }) => {
      requireSameOrigin(ctx, req);
      const user = signedInUser(ctx, req);
      if (!user) {
        redirect(res, '/login?next=%2Fdevice');
        return;
      }
      const form = await readForm(req);
      const typed = typeof form.user_code === 'string' ? form.user_code : '';
      const action = form.action === 'deny' ? 'deny' : form.action === 'approve' ? 'approve' : undefined;
      if (!action) {
        sendHtml(res, 400, deviceForm(user, typed, 'Choose Approve or Deny.'));
        return;
      }
      const userCode = normalizeUserCode(typed);
      const pending = findPendingByUserCode(ctx, userCode);
      if (!pending) {
        sendHtml(
          res,
          400,
          deviceForm(user, typed, `Code "${typed}" is unknown, expired or already used. Check your terminal.`),
        );
        return;
      }
      await ctx.store.mutate(() => {
        pending.status = action === 'approve' ? 'approved' : 'denied';
        pending.user_id = user.id;
      });
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
      requireSameOrigin(ctx, req);
      const session = parseCookies(req)[sessionCookieName];
      if (session) {
        const hash = sha256Hex(session);
        await ctx.store.mutate((state) => {
          state.sessions = state.sessions.filter((s) => s.session_hash !== hash);
        });
      }
      redirect(res, '/login', { 'set-cookie': `${sessionCookieName}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0` });
    },
  },
];
