/** A small typed fetch client: JSON in and out, the session cookie, and the server's error body. */
import { OFFLINE_COPY_HEADER } from '../offline/cacheRoutes';
import { reportAnswer } from '../offline/connection';
import { type Query, takeEarly, withQuery } from './early';

export { type Query, withQuery };

export interface FieldProblem {
  field: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isVersionConflict(): boolean {
    return this.code === 'VERSION_CONFLICT';
  }

  /** Problems tied to fields: reply refusals (details.problems) and schema violations (details.fields). */
  get problems(): FieldProblem[] {
    const d = this.details as { problems?: FieldProblem[]; fields?: FieldProblem[] } | undefined;
    const list = d?.problems ?? d?.fields ?? [];
    return Array.isArray(list) ? list : [];
  }
}

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();
const stepRequiredListeners = new Set<Listener>();

/** The server refuses everything but the account page until these steps are done. */
const STEP_REQUIRED = new Set(['PASSWORD_CHANGE_REQUIRED', 'TOTP_ENROLMENT_REQUIRED']);

/** Lets the auth context learn that the session has ended (401 on any call). */
export function onUnauthenticated(fn: Listener): () => void {
  unauthenticatedListeners.add(fn);
  return () => unauthenticatedListeners.delete(fn);
}

/** Lets the auth context learn that a forced step (password change, second factor) is pending. */
export function onStepRequired(fn: Listener): () => void {
  stepRequiredListeners.add(fn);
  return () => stepRequiredListeners.delete(fn);
}

/**
 * The server answers this when a rolling upgrade changed the database under the request: nothing
 * was written, and the same request succeeds when sent again (src/server/plugins/errors.ts).
 */
const SEND_AGAIN = 'RETRY_AFTER_UPGRADE';

interface Sending {
  body?: unknown;
  /** The body is a form (an upload), sent as it is. */
  isForm?: boolean;
  /** Headers of the request's own, such as a registration's Idempotency-Key. */
  headers?: Record<string, string>;
  /** This is the request sent once more after SEND_AGAIN. */
  sentBefore?: boolean;
}

async function request<T>(method: string, path: string, sending: Sending = {}): Promise<T> {
  const { body, isForm = false, sentBefore = false } = sending;
  const init: RequestInit = { method, credentials: 'same-origin', headers: { ...sending.headers } };
  if (body !== undefined) {
    if (isForm) init.body = body as FormData;
    else {
      init.body = JSON.stringify(body);
      (init.headers as Record<string, string>)['content-type'] = 'application/json';
    }
  }
  let res: Response;
  try {
    // A read the start-up script already sent (early.ts) is not sent again.
    res = await ((method === 'GET' && takeEarly(path)) || fetch(path, init));
  } catch {
    reportAnswer('none');
    throw new ApiError(0, 'NETWORK', '无法连接服务器，请检查网络后重试。', undefined);
  }
  reportAnswer(res.headers.has(OFFLINE_COPY_HEADER) ? 'copy' : 'server');
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    if (res.status === 401 && !path.startsWith('/api/auth/login')) {
      for (const fn of unauthenticatedListeners) fn();
    }
    if (res.status === 403 && err?.code && STEP_REQUIRED.has(err.code)) {
      for (const fn of stepRequiredListeners) fn();
    }
    if (res.status === 503 && err?.code === SEND_AGAIN && !sentBefore) {
      return request<T>(method, path, { ...sending, sentBefore: true });
    }
    throw new ApiError(
      res.status,
      err?.code ?? 'HTTP_ERROR',
      err?.message ?? `请求失败（${res.status}），请稍后重试。`,
      err?.details,
    );
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    request<T>('POST', path, { body: body ?? {}, headers }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
  upload: <T>(path: string, form: FormData) => request<T>('POST', path, { body: form, isForm: true }),
};
