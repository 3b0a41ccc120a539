/**
 * Secrets written inside an address: the password of an SMTP address
 * (smtps://用户名:密码@smtp.example.gov.cn:465) and the token of a group robot's webhook
 * (…/robot/send?access_token=…, …/webhook/send?key=…). Shown back and audited as `***`; sent
 * back as `***`, the kept secret stays, but only for the same server and account: a changed host
 * must be given its password again, so an old secret never goes to a new address.
 */
export const MASKED = '***';

const SECRET_PARAM = /token|key|secret|sign|password|passwd|pwd/i;

/** The address with its password and secret parameters as `***` (unchanged when it has none or is no URL). */
export function maskUrlSecrets(address: string): string {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return address;
  }
  let masked = false;
  if (url.password) {
    url.password = MASKED;
    masked = true;
  }
  for (const [name] of [...url.searchParams]) {
    if (SECRET_PARAM.test(name)) {
      url.searchParams.set(name, MASKED);
      masked = true;
    }
  }
  return masked ? url.toString() : address;
}

const isMasked = (value: string) => value === MASKED || decodeURIComponent(value) === MASKED;

/**
 * The address as sent, its `***` parts taken from the kept one. Returns null when a part is
 * masked but the kept address is for another server or account (or there is none): the secret
 * must then be typed again.
 */
export function restoreUrlSecrets(sent: string, kept: string | null | undefined): string | null {
  let url: URL;
  try {
    url = new URL(sent);
  } catch {
    return sent;
  }
  const maskedParams = [...url.searchParams].filter(([, v]) => isMasked(v)).map(([k]) => k);
  const maskedPassword = isMasked(url.password);
  if (!maskedPassword && maskedParams.length === 0) return sent;
  let old: URL;
  try {
    old = new URL(kept ?? '');
  } catch {
    return null;
  }
  const sameAccount =
    old.protocol === url.protocol &&
    old.host === url.host &&
    old.username === url.username &&
    old.pathname === url.pathname;
  if (!sameAccount) return null;
  if (maskedPassword) {
    if (!old.password) return null;
    url.password = old.password;
  }
  for (const name of maskedParams) {
    const value = old.searchParams.get(name);
    if (value === null) return null;
    url.searchParams.set(name, value);
  }
  return url.toString();
}
