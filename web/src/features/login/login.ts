/**
 * The sign-in page (web/login.html): the password, then — when the server answers TOTP_REQUIRED —
 * the authenticator's 6-digit code or one of the recovery codes; then the app. A forced password
 * change or enrolment is the app's account page, which the server sends the user to after this.
 * Plain DOM on purpose: this page must show at once on a weak link, so it loads neither React nor
 * Ant Design; it fetches the app into the browser's cache while the user types.
 */
import { rememberHomeReads } from '../../api/early';
import type { Me } from '../../api/types';
import { clearApiCaches } from '../../offline/apiCache';
import type { PreviousLogin } from '../account/api';
import { homeQueueUrls } from '../workbench/queues';
import { prefetchApp } from './prefetch';
import { afterSignIn } from './target';

/** The sign-in's answer: who is signed in, and the account's sign-in before this one. */
type SignedIn = Me & { previousLogin: PreviousLogin };

interface Credentials {
  username: string;
  password: string;
  totp?: string;
  recoveryCode?: string;
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const passwordStep = $<HTMLFormElement>('password-step');
const codeStep = $<HTMLFormElement>('code-step');
const username = $<HTMLInputElement>('username');
const password = $<HTMLInputElement>('password');
const code = $<HTMLInputElement>('code');
const useRecoveryButton = $<HTMLButtonElement>('use-recovery');

let pending: Credentials | null = null;
let useRecovery = false;

/** Shows or clears a field's message, marked for screen readers (aria-invalid + describedby). */
function fieldProblem(input: HTMLInputElement, message: string | null): boolean {
  const note = $<HTMLParagraphElement>(`${input.id}-error`);
  note.textContent = message ?? '';
  note.hidden = !message;
  if (message) input.setAttribute('aria-invalid', 'true');
  else input.removeAttribute('aria-invalid');
  input.parentElement?.toggleAttribute('data-invalid', !!message);
  return !message;
}

function alertIn(form: HTMLFormElement, message: string | null) {
  const box = form.querySelector<HTMLParagraphElement>('[role="alert"]');
  if (!box) return;
  box.textContent = message ?? '';
  box.hidden = !message;
}

function busy(form: HTMLFormElement, on: boolean) {
  const submit = form.querySelector<HTMLButtonElement>('button[type="submit"]');
  if (!submit) return;
  submit.disabled = on;
  submit.setAttribute('aria-busy', String(on));
}

function showPasswordStep() {
  pending = null;
  useRecovery = false;
  codeStep.hidden = true;
  passwordStep.hidden = false;
  password.focus();
}

function showCodeStep() {
  passwordStep.hidden = true;
  codeStep.hidden = false;
  code.value = '';
  fieldProblem(code, null);
  $('code-label').textContent = useRecovery ? '恢复码' : '动态码';
  $('code-hint').textContent = useRecovery
    ? '请输入一个尚未用过的恢复码（启用两步验证时保存的那一组，每个只能用一次）。'
    : `账号 ${pending?.username ?? ''} 已启用两步验证：请打开手机上的验证器，输入显示的 6 位动态码。`;
  code.inputMode = useRecovery ? 'text' : 'numeric';
  code.maxLength = useRecovery ? 32 : 6;
  code.autocomplete = useRecovery ? 'off' : 'one-time-code';
  useRecoveryButton.textContent = useRecovery ? '使用动态码' : '手机不在身边？使用恢复码';
  code.focus();
}

/** Sends the credentials; on success the app opens, otherwise the step the server asks for. */
async function signIn(form: HTMLFormElement, credentials: Credentials) {
  busy(form, true);
  alertIn(form, null);
  let answer: Response;
  try {
    answer = await fetch('/api/auth/login', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(credentials),
    });
  } catch {
    busy(form, false);
    alertIn(form, '无法连接服务器，请检查网络后重试。');
    return;
  }
  if (answer.ok) {
    const me = (await answer.json().catch(() => null)) as SignedIn | null;
    // Whoever used the phone before: their offline copies go before this user's pages load.
    await clearApiCaches();
    const next = afterSignIn(location.search);
    // The page about to open asks its first reads beside who is signed in (api/early.ts).
    if (me) rememberHomeReads(homeQueueUrls(me, new URL(next, location.origin)));
    const failed = me?.previousLogin?.failedAttempts ?? 0;
    if (me && failed > 0) return showAttempts(form, me.previousLogin, () => location.replace(next));
    location.replace(next);
    return;
  }
  busy(form, false);
  const error = ((await answer.json().catch(() => null)) as { error?: { code?: string; message?: string } })
    ?.error;
  if (error?.code === 'TOTP_REQUIRED') {
    pending = { username: credentials.username, password: credentials.password };
    showCodeStep();
    return;
  }
  const message = error?.message ?? `登录失败（${answer.status}），请稍后重试。`;
  if (error?.code === 'ACCOUNT_LOCKED' && form === codeStep) {
    // A lockout ends the second step too: start again from the password.
    showPasswordStep();
    alertIn(passwordStep, message);
  } else alertIn(form, message);
}

/**
 * Signed in, but others tried the account since its last sign-in: said before the app opens, the
 * one moment the user is sure to read it (上次登录提示). No failures: the app opens at once, and
 * 账号安全 shows the last sign-in any time.
 */
function showAttempts(form: HTMLFormElement, previous: PreviousLogin, goOn: () => void) {
  form.hidden = true;
  const when = previous.at
    ? `自上次登录（${new Date(previous.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}${previous.ip ? `，来自 ${previous.ip}` : ''}）以来，`
    : '此前';
  $('attempts-text').textContent =
    `${when}有 ${previous.failedAttempts} 次用您的账号登录失败（密码或动态码错误）。如果不是您本人所为，请进入系统后立即在「账号安全」中修改密码。`;
  $('attempts-step').hidden = false;
  const button = $<HTMLButtonElement>('go-on');
  button.addEventListener('click', goOn, { once: true });
  button.focus();
}

passwordStep.addEventListener('submit', (e) => {
  e.preventDefault();
  const name = username.value.trim();
  const nameOk = fieldProblem(username, name ? null : '请输入用户名');
  const passwordOk = fieldProblem(password, password.value ? null : '请输入密码');
  if (!nameOk) username.focus();
  else if (!passwordOk) password.focus();
  else void signIn(passwordStep, { username: name, password: password.value });
});

codeStep.addEventListener('submit', (e) => {
  e.preventDefault();
  if (!pending) return;
  const value = code.value.trim();
  const problem = !value
    ? useRecovery
      ? '请输入恢复码'
      : '请输入 6 位动态码'
    : !useRecovery && !/^\d{6}$/.test(value)
      ? '动态码是 6 位数字'
      : null;
  if (!fieldProblem(code, problem)) {
    code.focus();
    return;
  }
  void signIn(codeStep, useRecovery ? { ...pending, recoveryCode: value } : { ...pending, totp: value });
});

useRecoveryButton.addEventListener('click', () => {
  useRecovery = !useRecovery;
  alertIn(codeStep, null);
  showCodeStep();
});

$('back').addEventListener('click', () => {
  alertIn(passwordStep, null);
  showPasswordStep();
});

const reveal = $<HTMLButtonElement>('reveal');
reveal.addEventListener('click', () => {
  const shown = password.type === 'text';
  password.type = shown ? 'password' : 'text';
  reveal.textContent = shown ? '显示' : '隐藏';
  reveal.setAttribute('aria-pressed', String(!shown));
});

// Ready: the button works from now on.
busy(passwordStep, false);

// Already signed in (a bookmark of this page): straight on, unless the user has begun typing. Asked
// of /api/auth/session, which answers 200 either way: everyone not signed in is no error.
fetch('/api/auth/session', { credentials: 'same-origin' })
  .then((r) => (r.ok ? (r.json() as Promise<{ signedIn: boolean }>) : null))
  .then((session) => {
    if (session?.signedIn && !username.value && !pending) location.replace(afterSignIn(location.search));
  })
  .catch(() => undefined);

prefetchApp();
