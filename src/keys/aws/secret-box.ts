import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const VERSION = 'v1';

/**
 * AES-256-GCM over the secret access keys. SigV4 is verified by recomputing
 * the signature, which needs the secret itself — a one-way hash (as for API
 * keys) cannot verify it — so secrets are stored encrypted, never in clear.
 * The access key id is the additional authenticated data: a ciphertext copied
 * onto another key's row does not decrypt.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(keyMaterial: string | Buffer) {
    // Any passphrase works; 32 random bytes (base64) is what `hashi` generates.
    this.key = createHash('sha256').update(keyMaterial).digest();
  }

  seal(plain: string, aad: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), body.toString('base64')].join(':');
  }

  /** Throws when the text was sealed with another key or for another id. */
  open(sealed: string, aad: string): string {
    const [version, iv, tag, body] = sealed.split(':');
    if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('sealed secret has an unknown format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
  }
}

export const KEY_FILE = 'aws-keys.secret';

/**
 * The box for this deployment: `aws.keyEncryptionSecret` when configured,
 * else a random key kept in `<dataDir>/aws-keys.secret` (mode 0600), made on
 * first use. Replicas on other machines cannot read that file: a cluster sets
 * the configured secret.
 */
export function openSecretBox(configured: string, dataDir: string): { box: SecretBox; source: 'config' | 'file' } {
  if (configured) return { box: new SecretBox(configured), source: 'config' };
  const file = join(dataDir, KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    try {
      // `wx`: when two processes start at once, the second keeps the first one's key.
      writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    chmodSync(file, 0o600);
  }
  return { box: new SecretBox(readFileSync(file, 'utf8').trim()), source: 'file' };
}
