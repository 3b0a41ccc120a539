/**
 * A refusal: the request was understood and is refused by a rule. It carries a stable code
 * for programs, a Chinese message for people that says why, and a kind from which the HTTP
 * layer picks the status code.
 */
export type RefusalKind =
  | 'invalid' // the input breaks a rule of form or content (400/422)
  | 'too_large' // the upload exceeds a size or row limit (413)
  | 'rule' // a business rule refuses it now: window closed, something missing (422)
  | 'state' // the order is not in a state that allows it (409)
  | 'conflict' // someone else changed it first (409)
  | 'forbidden' // the actor's role may not do this (403)
  | 'unauthenticated' // not logged in (401)
  | 'rate_limited' // too many calls, or too many failed ones, in a window (429)
  | 'not_found'; // absent, or not visible to this actor (404)

export class AppRefusal extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly kind: RefusalKind = 'rule',
  ) {
    super(message);
    this.name = 'AppRefusal';
  }
}

export function refuse(
  kind: RefusalKind,
  code: string,
  message: string,
  details?: Record<string, unknown>,
): never {
  throw new AppRefusal(code, message, details, kind);
}

/**
 * A form saved over a version that is no longer the stored one: someone (or the same person in
 * another window) saved first. Nothing is written; the form keeps what was typed.
 */
export function editConflict(what: string, currentVersion: number): never {
  return refuse(
    'conflict',
    'VERSION_CONFLICT',
    `${what}在您打开表单后已被修改（他人，或您在另一个窗口），未保存。您填写的内容仍在表单中，可复制需要的部分；关闭后重新打开（显示最新内容）再修改，以免覆盖刚保存的内容。`,
    { currentVersion },
  );
}
