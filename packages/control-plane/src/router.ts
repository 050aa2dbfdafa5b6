import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Context } from './context';
import { HttpError } from './http';
import { decodePathSegment } from './request-target';

export interface RouteCall {
  ctx: Context;
  req: IncomingMessage;
  res: ServerResponse;
  params: Record<string, string>;
  url: URL;
}

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path template with `:name` segments, e.g. `/api/v1/workspaces/:id`. */
  path: string;
  handle: (call: RouteCall) => Promise<void> | void;
}

interface CompiledRoute extends Route {
  pattern: RegExp;
  names: string[];
}

export interface Match {
  route: Route;
  params: Record<string, string>;
}

/** A table of routes; an unknown path is 404, a known path with another method 405. */
export function createRouter(routes: Route[]): (method: string, pathname: string) => Match {
  const compiled: CompiledRoute[] = routes.map((route) => {
    const names: string[] = [];
    const source = route.path
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(segment.slice(1));
        return '([^/]+)';
      })
      .join('/');
    return { ...route, pattern: new RegExp(route.path === '/' ? '^/$' : `^${source}/?$`), names };
  });
  return (method, pathname) => {
    let pathMatched = false;
    for (const route of compiled) {
      const found = route.pattern.exec(pathname);
      if (!found) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = decodePathSegment(found[i + 1]);
      });
      return { route, params };
    }
    if (pathMatched) throw new HttpError(405, `Method ${method} is not allowed on ${pathname}.`);
    throw new HttpError(404, `No such endpoint: ${method} ${pathname}.`);
  };
}
