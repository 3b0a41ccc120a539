import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Backups encrypted with the commercial cryptography standards (商用密码, as the audit chain's
 * HMAC-SM3): SM4 in counter mode, then HMAC-SM3 over the whole file (encrypt-then-MAC). A backup
 * leaves the server on a disk or to another machine and holds every citizen's name, phone and
 * address; without the key it reads as noise. Two keys are derived from the one kept by the
 * operator, so the cipher's and the MAC's never coincide.
 *
 * A file: MAGIC (8 bytes) · IV (16) · ciphertext · HMAC-SM3 tag (32) of everything before it.
 */
const MAGIC = Buffer.from('HYENC001');
const IV_BYTES = 16;
const TAG_BYTES = 32;

export const BACKUP_CIPHER = 'SM4-CTR + HMAC-SM3';

export interface BackupKey {
  /** Names the key in the manifest (a restore with another key is told so), reveals nothing of it. */
  id: string;
  cipher: Buffer;
  mac: Buffer;
}

const derive = (key: Buffer, purpose: string) => createHmac('sm3', key).update(purpose).digest();

/** The keys derived from the operator's (at least 32 bytes: BACKUP_KEY or BACKUP_KEY_FILE). */
export function backupKeyOf(raw: Buffer): BackupKey {
  if (raw.length < 32) throw new Error('备份密钥至少 32 字节（64 位十六进制字符）。');
  return {
    id: derive(raw, 'huiyin-backup-key-id').subarray(0, 8).toString('hex'),
    cipher: derive(raw, 'huiyin-backup-cipher').subarray(0, 16),
    mac: derive(raw, 'huiyin-backup-mac'),
  };
}

export class BackupKeyMismatch extends Error {}

/** Passes chunks on unchanged while feeding them to `hmac`. */
const macOf = (hmac: ReturnType<typeof createHmac>) =>
  new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hmac.update(chunk);
      done(null, chunk);
    },
  });

export async function encryptFile(key: BackupKey, from: string, to: string): Promise<void> {
  const iv = randomBytes(IV_BYTES);
  const hmac = createHmac('sm3', key.mac).update(MAGIC).update(iv);
  const out = createWriteStream(to, { mode: 0o600 });
  out.write(MAGIC);
  out.write(iv);
  await pipeline(createReadStream(from), createCipheriv('sm4-ctr', key.cipher, iv), macOf(hmac), out, {
    end: false,
  });
  await new Promise<void>((resolve, reject) => {
    out.on('error', reject);
    out.end(hmac.digest(), resolve);
  });
}

/**
 * Decrypts `from` into `to` only after its tag matched: a file changed by one bit, or made with
 * another key, is refused (BackupKeyMismatch) before any plaintext is written.
 */
export async function decryptFile(key: BackupKey, from: string, to: string): Promise<void> {
  const { size } = await stat(from);
  if (size < MAGIC.length + IV_BYTES + TAG_BYTES) throw new BackupKeyMismatch('不是加密的备份文件');
  const handle = await open(from, 'r');
  const head = Buffer.alloc(MAGIC.length + IV_BYTES);
  const tag = Buffer.alloc(TAG_BYTES);
  try {
    await handle.read(head, 0, head.length, 0);
    await handle.read(tag, 0, TAG_BYTES, size - TAG_BYTES);
  } finally {
    await handle.close();
  }
  if (!head.subarray(0, MAGIC.length).equals(MAGIC)) throw new BackupKeyMismatch('不是加密的备份文件');
  const body = { start: head.length, end: size - TAG_BYTES - 1 };
  const hmac = createHmac('sm3', key.mac).update(head);
  if (body.end >= body.start)
    for await (const chunk of createReadStream(from, body)) hmac.update(chunk as Buffer);
  if (!timingSafeEqual(hmac.digest(), tag)) throw new BackupKeyMismatch('校验值不符');
  const iv = head.subarray(MAGIC.length);
  const source = body.end >= body.start ? createReadStream(from, body) : [Buffer.alloc(0)];
  await pipeline(source, createDecipheriv('sm4-ctr', key.cipher, iv), createWriteStream(to, { mode: 0o600 }));
}
