import { uiPaths } from '@dlthub/api-schema';
import { csrfToken } from '../csrf';
import { escapeHtml } from '../http';
import type { SignedIn } from '../sessions';

/** The pages' policy: no inline script; the run page's script and its event stream come from this origin. */
export const uiContentSecurityPolicy =
  "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; connect-src 'self'; form-action 'self'";

export interface Crumb {
  label: string;
  href?: string;
}

export interface UiPage {
  title: string;
  crumbs: Crumb[];
  /** Already-escaped HTML. */
  body: string;
  /** Adds the run page's script (a file of this origin, see uiPaths.runPageScript). */
  runScript?: boolean;
}

const style = `body{font-family:system-ui,sans-serif;max-width:64rem;margin:1.5rem auto;padding:0 1rem;color:#222}
header{display:flex;justify-content:space-between;align-items:center;border-bottom:1px solid #ddd;padding-bottom:.5rem}
header form{display:inline}nav{margin:.8rem 0;color:#555}nav a{color:#036}
table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}th,td{text-align:left;padding:.3rem .6rem;border-bottom:1px solid #eee;vertical-align:top}
th{background:#f6f6f6}code,.mono{font-family:ui-monospace,monospace}.muted{color:#777}
.status{font-weight:600}.status-completed{color:#070}.status-failed{color:#a00}.status-cancelled{color:#a60}
.status-running,.status-starting,.status-pending{color:#036}
#run-log{background:#111;color:#eee;padding:.6rem 1rem .6rem 3.5rem;font-family:ui-monospace,monospace;font-size:.85rem;white-space:pre-wrap;overflow-wrap:anywhere}
#run-log li.stderr{color:#f99}dl{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}dd{margin:0}`;

/** Escapes for HTML text and attribute values (every value shown goes through here). */
export const esc = (value: string | number | null | undefined): string => escapeHtml(String(value ?? ''));

export function link(href: string, label: string, id?: string): string {
  return `<a href="${esc(href)}"${id ? ` id="${esc(id)}"` : ''}>${esc(label)}</a>`;
}

export function statusBadge(status: string, id?: string): string {
  return `<span class="status status-${esc(status)}"${id ? ` id="${esc(id)}"` : ''}>${esc(status)}</span>`;
}

/** Seconds with one decimal (the run page's script writes the same form when a run ends). */
export function formatSeconds(seconds: number | null | undefined): string {
  return seconds === null || seconds === undefined ? '—' : `${seconds.toFixed(1)} s`;
}

/** An ISO timestamp without its milliseconds, in UTC as stored. */
export function formatTime(iso: string | null | undefined): string {
  return iso ? iso.replace(/\.\d+Z$/, 'Z').replace('T', ' ') : '—';
}

/** The first 12 characters of a content hash: enough to tell versions apart at a glance (the full one is its title). */
export function shortHash(hash: string): string {
  return hash.slice(0, 12);
}

/** A table, or a line saying there is nothing when `rows` is empty. */
export function table(id: string, headings: string[], rows: string[][], empty: string): string {
  if (rows.length === 0) return `<p class="muted" id="${esc(id)}">${esc(empty)}</p>`;
  const head = headings.map((h) => `<th>${esc(h)}</th>`).join('');
  const body = rows.map((cells) => `<tr>${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('\n');
  return `<table id="${esc(id)}"><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** The one page shell of the signed-in pages: who is signed in, sign-out, breadcrumbs. */
export function layout(signedIn: SignedIn, page: UiPage): string {
  const crumbs = [{ label: 'Workspaces', href: uiPaths.home() }, ...page.crumbs]
    .map((crumb) => (crumb.href ? link(crumb.href, crumb.label) : esc(crumb.label)))
    .join(' › ');
  const script = page.runScript ? `<script src="${esc(uiPaths.runPageScript())}" defer></script>` : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(page.title)} · dltHub local control plane</title>
<style>${style}</style>${script}</head>
<body><header><strong>dltHub local control plane</strong>
<span>Signed in as <strong id="signed-in-user">${esc(signedIn.user.username)}</strong>
<form method="post" action="/logout"><input type="hidden" name="csrf" value="${esc(csrfToken('session', signedIn.session))}">
<button type="submit" id="sign-out">Sign out</button></form></span></header>
<nav id="crumbs">${crumbs}</nav>
<h1 id="title">${esc(page.title)}</h1>
${page.body}
</body></html>
`;
}

/** The answer to a refused or missing page: the API's status and detail, as a page. */
export function errorPage(signedIn: SignedIn, status: number, detail: string): string {
  return layout(signedIn, {
    title: status === 404 ? 'Not found' : `Error ${status}`,
    crumbs: [],
    body: `<p class="error" id="error">${esc(detail)}</p>`,
  });
}
