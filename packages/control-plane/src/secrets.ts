import { createHash, randomBytes, randomInt } from 'node:crypto';

/** Only SHA-256 hashes of tokens, API keys, device codes and sessions are stored. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function randomSecret(prefix: string, bytes = 32): string {
  return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

/** RFC 8628 §6.1: base-20 consonants, no ambiguous characters, shown as `XXXX-XXXX`. */
const userCodeAlphabet = 'BCDFGHJKLMNPQRSTVWXZ';

export function newUserCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += userCodeAlphabet[randomInt(userCodeAlphabet.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** Users may type the code in any case, with or without the dash or spaces (RFC 8628 §6.1). */
export function normalizeUserCode(input: string): string {
  const letters = input.toUpperCase().replace(/[^A-Z]/g, '');
  return letters.length === 8 ? `${letters.slice(0, 4)}-${letters.slice(4)}` : letters;
}

export const accessTokenPrefix = 'dlthub_at_';
export const sessionPrefix = 'dlthub_s_';
