/**
 * What a person does on the approval page with the demo sign-in (`--demo-sign-in`), over plain HTTP
 * as a browser would: open the sign-in form, sign in by username, open the device page, press
 * Approve or Deny. The CSRF tokens and cookies travel exactly as in a browser. For demos and tests.
 */

export interface DemoDecision {
  status: number;
  html: string;
  /** The session cookie (`name=value`). */
  cookie: string;
}

const hiddenCsrf = /name="csrf" value="([^"]+)"/;

function cookiePair(response: Response): string {
  return (response.headers.get('set-cookie') ?? '').split(';')[0];
}

function formPost(fields: Record<string, string>, cookie: string): RequestInit {
  return {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
    body: new URLSearchParams(fields).toString(),
  };
}

/** Signs in by username; resolves with the session cookie or throws with the page's status. */
export async function demoSignIn(baseUrl: string, username: string): Promise<string> {
  const form = await fetch(new URL('/login?next=%2Fdevice', baseUrl));
  const html = await form.text();
  const csrf = hiddenCsrf.exec(html)?.[1];
  if (!csrf) throw new Error(`the sign-in page has no demo sign-in form (start the server with --demo-sign-in)`);
  const signIn = await fetch(
    new URL('/login', baseUrl),
    formPost({ username, next: '/device', csrf }, cookiePair(form)),
  );
  await signIn.text();
  if (signIn.status !== 303) throw new Error(`signing in as ${username} failed with ${signIn.status}`);
  return cookiePair(signIn);
}

/** Signs in as `username` and approves or denies `userCode` on the device page. */
export async function demoDecide(
  baseUrl: string,
  username: string,
  userCode: string,
  action: 'approve' | 'deny',
): Promise<DemoDecision> {
  const cookie = await demoSignIn(baseUrl, username);
  const page = await fetch(new URL('/device', baseUrl), { headers: { cookie } });
  const csrf = hiddenCsrf.exec(await page.text())?.[1] ?? '';
  const decision = await fetch(new URL('/device', baseUrl), formPost({ user_code: userCode, action, csrf }, cookie));
  return { status: decision.status, html: await decision.text(), cookie };
}
