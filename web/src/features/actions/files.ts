import { useState } from 'react';
import { ApiError } from '../../api/client';

export const ACCEPT = '.pdf,.jpg,.jpeg,.png,.tif,.tiff,application/pdf,image/jpeg,image/png,image/tiff';
export const MAX_BYTES = 20 * 1024 * 1024;

/** The same limits the server enforces, checked before sending so a wrong file fails fast. */
export function checkFile(file: File): string | null {
  if (file.size === 0) return '文件是空的，请重新选择。';
  if (file.size > MAX_BYTES) return `文件「${file.name}」超过 20 MB 的大小限制。`;
  if (!/\.(pdf|jpe?g|png|tiff?)$/i.test(file.name))
    return '只能上传 PDF、JPG、PNG 或 TIFF 格式的文件（扫描件、传真件、照片）。';
  return null;
}

/**
 * Uploading one chosen file: checked here first, busy while it is sent, the server's refusal kept
 * in Chinese for the control's alert (and `failed` told, so a form forgets a file it had).
 */
export function useFileUpload<T>(
  send: (file: File) => Promise<T>,
  done: (saved: T, file: File) => void,
  failed?: () => void,
) {
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    setError(undefined);
    const problem = checkFile(file);
    if (problem) return setError(problem);
    setBusy(true);
    try {
      done(await send(file), file);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      setError(e.message);
      failed?.();
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, upload };
}
