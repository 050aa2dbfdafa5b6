/**
 * Secrets at rest: uploaded configuration contents (they hold the team's production secrets) are
 * encrypted with AES-256-GCM. The 32-byte key comes from `--secrets-key-file`, else from
 * `$DLTHUB_CONTROL_PLANE_SECRETS_KEY` (base64), else from `<data-dir>/secrets.key`, generated 0600 on
 * first start. The blob's path is the additional authenticated data, so blobs cannot be swapped.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const secretsKeyEnv = 'DLTHUB_CONTROL_PLANE_SECRETS_KEY';
export const defaultSecretsKeyFileName = 'secrets.key';
const marker = 'dlthub-aes256gcm-v1:';

function decodeKey(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) throw new Error(`${where} must hold a base64-encoded 32-byte key (got ${key.length} bytes).`);
  return key;
}

export function loadSecretsKey(dataDir: string, keyFile?: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  if (keyFile) return decodeKey(readFileSync(keyFile, 'utf8'), keyFile);
  if (env[secretsKeyEnv]) return decodeKey(env[secretsKeyEnv], `$${secretsKeyEnv}`);
  const file = join(dataDir, defaultSecretsKeyFileName);
  try {
    return decodeKey(readFileSync(file, 'utf8'), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const key = randomBytes(32);
  // 'wx': two instances starting at once must not both generate a key.
  try {
    writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return decodeKey(readFileSync(file, 'utf8'), file);
    throw error;
  }
  chmodSync(file, 0o600);
  return key;
}

export function encrypt(key: Buffer, plaintext: string, associated: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(associated));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `${marker}${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
}

export function decrypt(key: Buffer, stored: string, associated: string): string {
  if (!stored.startsWith(marker)) throw new Error('not an encrypted blob');
  const raw = Buffer.from(stored.slice(marker.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(associated));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
