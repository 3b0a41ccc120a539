import { Spin } from 'antd';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { ApiError, api, onStepRequired, onUnauthenticated } from '../api/client';
import type { Capability, Me } from '../api/types';
import { clearApiCaches } from '../offline/apiCache';
import { rememberedMe, rememberMe } from './rememberedMe';

interface AuthValue {
  me: Me | null;
  /** Takes the user as the server now describes it (after a password change or enrolment). */
  update: (me: Me) => void;
  /** Whether the server still asks for a step (new password, second factor) before anything else. */
  stepsPending: boolean;
  logout: () => Promise<void>;
  /** Whether the server's policy lets the user do this (from `/api/auth/me`); the app keeps no role lists. */
  can: (capability: Capability) => boolean;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMeState] = useState<Me | null>(null);
  const [checking, setChecking] = useState(true);
  const setMe = useCallback((next: Me | null) => {
    if (next) rememberMe(next);
    setMeState(next);
  }, []);

  useEffect(() => {
    api
      .get<Me>('/api/auth/me')
      .then(setMe)
      // No connection is not "signed out": the app opens as whoever was signed in, offline.
      .catch((e: unknown) => setMe(e instanceof ApiError && e.status === 0 ? rememberedMe() : null))
      .finally(() => setChecking(false));
    const offSteps = onStepRequired(() => {
      // The server refused a call until a forced step is done: learn which, so the app shows the account page.
      api
        .get<Me>('/api/auth/me')
        .then(setMe)
        .catch(() => undefined);
    });
    const offUnauthenticated = onUnauthenticated(() => {
      // The session ended: what was kept for reading offline goes with it.
      void clearApiCaches();
      setMe(null);
    });
    return () => {
      offSteps();
      offUnauthenticated();
    };
  }, [setMe]);

  // Signing out leaves the app for the sign-in page (web/login.html), a page of its own.
  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } finally {
      await clearApiCaches();
      location.replace('/login');
    }
  }, []);

  const value = useMemo<AuthValue>(
    () => ({
      me,
      update: setMe,
      stepsPending: !!me && (me.mustChangePassword || me.mustEnrolTotp),
      logout,
      can: (capability) => !!me && me.abilities.includes(capability),
    }),
    [me, logout, setMe],
  );

  if (checking) {
    return (
      <div style={{ display: 'grid', placeItems: 'center', height: '100vh' }}>
        <Spin size="large" />
      </div>
    );
  }
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}

/** The signed-in user (pages under the shell only render when there is one). */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('not signed in');
  return me;
}
