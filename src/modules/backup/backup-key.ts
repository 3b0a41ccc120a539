import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Config } from '../../config.js';
import { BackupError } from './backup.service.js';
import { type BackupKey, backupKeyOf } from './encryption.js';

type KeyConfig = Pick<Config, 'BACKUP_KEY' | 'BACKUP_KEY_FILE'>;

/** The configured backup key: BACKUP_KEY, or the file BACKUP_KEY_FILE when it exists; else none. */
export function configuredBackupKey(config: KeyConfig): BackupKey | null {
  if (config.BACKUP_KEY) return backupKeyOf(Buffer.from(config.BACKUP_KEY, 'hex'));
  if (!existsSync(config.BACKUP_KEY_FILE)) return null;
  const text = readFileSync(config.BACKUP_KEY_FILE, 'utf8').trim();
  if (!/^([0-9a-fA-F]{2}){32,}$/.test(text))
    throw new BackupError(`备份密钥文件 ${config.BACKUP_KEY_FILE} 的内容应为至少 64 位十六进制字符。`);
  return backupKeyOf(Buffer.from(text, 'hex'));
}

/**
 * Makes a new key in BACKUP_KEY_FILE (only its owner reads it). Never over an existing one: the
 * backups made with it could no longer be restored.
 */
export function createBackupKeyFile(config: KeyConfig): BackupKey {
  if (config.BACKUP_KEY) throw new BackupError('已设 BACKUP_KEY：备份用它加密，不再生成密钥文件。');
  mkdirSync(dirname(config.BACKUP_KEY_FILE), { recursive: true });
  const raw = randomBytes(32);
  try {
    writeFileSync(config.BACKUP_KEY_FILE, `${raw.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST')
      throw new BackupError(`${config.BACKUP_KEY_FILE} 已存在：用它做过的备份离不开它，不覆盖。`);
    throw err;
  }
  return backupKeyOf(raw);
}
