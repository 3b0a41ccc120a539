import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client';

/** How often a load that failed for want of a network is tried again while the phone is online. */
const NETWORK_RETRY_MS = 3_000;

export interface AsyncState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => Promise<T | undefined>;
  setData: (data: T) => void;
}

/**
 * Loads data when `key` changes; keeps the last data while reloading so pages do not flicker.
 * A failed load drops it: what is shown must never be another key's data presented as this one's
 * (the calendar once showed 2026's days under 「2027 年」).
 */
export function useAsync<T>(load: () => Promise<T>, key: string): AsyncState<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const loadRef = useRef(load);
  loadRef.current = load;
  const seq = useRef(0);

  const run = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const value = await loadRef.current();
      if (mine === seq.current) {
        setData(value);
        setError(undefined);
      }
      return value;
    } catch (e) {
      if (mine === seq.current) {
        setData(undefined);
        setError(e instanceof ApiError ? e : new ApiError(0, 'CLIENT', String(e), undefined));
      }
      return undefined;
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` names what the loader depends on
  useEffect(() => {
    void run();
  }, [key, run]);

  // A load that failed for want of a network is tried again when the phone is back online, and
  // every few seconds while it says it is online, so a card does not keep saying 「无法连接服务器」
  // over a connection that works again: the 'online' event can come before requests get through
  // (clean-clone run 113), and a weak signal never sends one.
  const offlineFailure = error?.code === 'NETWORK';
  useEffect(() => {
    if (!offlineFailure) return;
    const again = () => {
      if (navigator.onLine) void run();
    };
    window.addEventListener('online', again);
    const timer = window.setInterval(again, NETWORK_RETRY_MS);
    return () => {
      window.removeEventListener('online', again);
      window.clearInterval(timer);
    };
  }, [offlineFailure, run]);

  return { data, error, loading, reload: run, setData };
}
