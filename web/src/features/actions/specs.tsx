import type { Action } from '../../api/types';
import { ASSISTANT_SPECS } from './assistantSpecs';
import { OFFICE_SPECS } from './officeSpecs';
import { REVIEW_SPECS } from './reviewSpecs';
import { SIGN_OFF_SPECS } from './signOffSpecs';
import type { ActionSpec } from './spec';
import { SUPERVISION_SPECS } from './supervisionSpecs';
import { UNIT_SPECS } from './unitSpecs';

/** Every workflow action's form; the type makes sure none is missing. */
export const ACTION_SPECS: Record<Action, ActionSpec> = {
  ...OFFICE_SPECS,
  ...UNIT_SPECS,
  ...SIGN_OFF_SPECS,
  ...REVIEW_SPECS,
  ...SUPERVISION_SPECS,
  ...ASSISTANT_SPECS,
};
