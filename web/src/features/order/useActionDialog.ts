import { useEffect } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router';
import type { Action } from '../../api/types';

/**
 * Which action form is open on the order page, kept in the browser's history rather than in
 * component state: opening a form adds a history entry, so Back (a phone's back gesture) closes
 * the form instead of leaving the order, and a reload reopens it with its draft.
 */
export function useActionDialog(allowed: readonly Action[] | undefined) {
  const location = useLocation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const inHistory = (location.state as { action?: Action } | null)?.action ?? null;
  const requested = params.get('action') as Action | null;

  // A link with ?action=… (the register page's 「登记并派发」) opens the form once, as an entry
  // of its own above the plain order page, so Back closes it there too.
  useEffect(() => {
    if (!requested || !allowed) return;
    const rest = new URLSearchParams(params);
    rest.delete('action');
    const search = rest.toString() ? `?${rest}` : '';
    navigate({ search }, { replace: true });
    if (allowed.includes(requested)) navigate({ search }, { state: { action: requested } });
  }, [requested, allowed, params, navigate]);

  const open = inHistory && allowed?.includes(inHistory) ? inHistory : null;
  return {
    open,
    openAction: (action: Action) => navigate({ search: location.search }, { state: { action } }),
    close: () => {
      if (inHistory) navigate(-1);
    },
  };
}
