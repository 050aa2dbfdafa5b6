import { HttpError, redirect, sendHtml } from '../http';
import type { Route, RouteCall } from '../router';
import { currentSession, type SignedIn } from '../sessions';
import type { Tx } from '../store/types';
import { errorPage, layout, uiContentSecurityPolicy, type UiPage } from './layout';

export interface PageCall extends RouteCall {
  signedIn: SignedIn;
}

/**
 * A signed-in page: without a session the browser goes to sign-in and comes back; `load` reads what the page
 * shows in one transaction (access checks included) and a refusal there is the API's status, as a page.
 */
export function signedInPage(path: string, load: (tx: Tx, call: PageCall) => Promise<UiPage>): Route {
  return {
    method: 'GET',
    path,
    handle: async (call) => {
      const { ctx, req, res, url } = call;
      const signedIn = await currentSession(ctx, req);
      if (!signedIn) {
        redirect(res, `/login?next=${encodeURIComponent(`${url.pathname}${url.search}`)}`);
        return;
      }
      const headers = { 'content-security-policy': uiContentSecurityPolicy };
      try {
        const page = await ctx.store.read((tx) => load(tx, { ...call, signedIn }));
        sendHtml(res, 200, layout(signedIn, page), headers);
      } catch (error) {
        if (!(error instanceof HttpError)) throw error;
        sendHtml(res, error.status, errorPage(signedIn, error.status, error.detail), headers);
      }
    },
  };
}
