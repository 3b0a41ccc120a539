import { useEffect, useState } from 'react';
import { settingsApi } from '../api/admin';
import type { TimeLimitSettings } from '../api/types';

/**
 * The time limits in force, as the administrator set them (never looser than the notice). Forms
 * quote them from here instead of repeating a number the administrator may have made stricter.
 * Loaded once per form opening: a change takes effect for the next form.
 */
export function useTimeLimits(): TimeLimitSettings | undefined {
  const [limits, setLimits] = useState<TimeLimitSettings>();
  useEffect(() => {
    let live = true;
    settingsApi
      .timeLimits()
      .then((l) => live && setLimits(l))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);
  return limits;
}

type WorkingDayLimit = {
  [K in keyof TimeLimitSettings]: TimeLimitSettings[K] extends number ? K : never;
}[keyof TimeLimitSettings];

/** 「5 个工作日」 for a limit in working days, read from the settings in force. */
export function WorkingDays({ of }: { of: WorkingDayLimit }) {
  const limits = useTimeLimits();
  return <>{limits ? `${limits[of]} 个工作日` : '……'}</>;
}
