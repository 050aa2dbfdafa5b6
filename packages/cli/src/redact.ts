/**
 * The last line of defence of every byte the CLI prints (the Output layer runs all text through it):
 * credentials inside URL-like values, secret-looking query parameters, fragments of 8+ characters of
 * any secret the process knows (tokens, API keys, device codes, secret values it read), and terminal
 * control sequences that a server-provided string could carry.
 */
import { MASK } from '@dlthub/config-core/mask';

/** `scheme:` + up to three slashes + `user:password@`: also catches `postgresql:/u:PW@h/db`. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/{0,3})([^\s:/@'"]*):([^\s@'"]+)@(?=[^\s@'"]*)/gi;
/** `scheme://userinfo@` with a user only (`https://<token>@github.com/…`). */
const URL_USER_ONLY = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/@'"]{8,})@/gi;
/** `?motherduck_token=…`, `&password=…`, `sig=`… */
const SECRET_QUERY =
  /([?&;](?:[a-z0-9_]*(?:password|passwd|pwd|secret|token|api_?key|access_?key|private_?key|sig|signature|credential)[a-z0-9_]*)=)([^&\s'"#]+)/gi;

/** Masks URL credentials and secret query parameters. */
export function redactUrls(text: string): string {
  return text
    .replace(URL_PASSWORD, (_match, scheme: string, user: string) => `${scheme}${user}:${MASK}@`)
    .replace(URL_USER_ONLY, (_match, scheme: string) => `${scheme}${MASK}@`)
    .replace(SECRET_QUERY, (_match, key: string) => `${key}${MASK}`);
}

/** The shortest run of a secret that is masked wherever it appears. */
export const FRAGMENT_LENGTH = 8;

/** Secrets known to this process, matched by any fragment of `FRAGMENT_LENGTH` characters. */
export class SecretRegistry {
  private readonly grams = new Set<string>();

  add(value: unknown): void {
    if (typeof value !== 'string') return;
    const secret = value.trim();
    if (secret.length < FRAGMENT_LENGTH) return;
    for (let index = 0; index + FRAGMENT_LENGTH <= secret.length; index++)
      this.grams.add(secret.slice(index, index + FRAGMENT_LENGTH));
  }

  /** Every run of text covered by known fragments becomes `****`. */
  redact(text: string): string {
    if (this.grams.size === 0 || text.length < FRAGMENT_LENGTH) return text;
    const covered = new Uint8Array(text.length);
    let any = false;
    for (let index = 0; index + FRAGMENT_LENGTH <= text.length; index++) {
      if (!this.grams.has(text.slice(index, index + FRAGMENT_LENGTH))) continue;
      covered.fill(1, index, index + FRAGMENT_LENGTH);
      any = true;
    }
    if (!any) return text;
    let result = '';
    for (let index = 0; index < text.length; index++) {
      if (!covered[index]) result += text[index];
      else if (index === 0 || !covered[index - 1]) result += MASK;
    }
    return result;
  }
}

/** SGR colour codes this CLI writes itself (output.ts); everything else of the ESC family is escaped. */
const OWN_STYLE = /^\u001b\[(?:1|2|22|31|32|33|36|39)m/;

/**
 * Escapes C0/C1 control characters (except newline and tab) as visible `\xNN`, so a workspace name
 * like "x\u001b]0;owned\u0007" cannot move the cursor, retitle the terminal or hide text. `ownStyles`
 * keeps the colour codes Output adds around already-sanitized text.
 */
export function terminalSafe(text: string, ownStyles = false): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (char, offset: number) => {
    if (ownStyles && char === '\u001b' && OWN_STYLE.test(text.slice(offset))) return char;
    return `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}
