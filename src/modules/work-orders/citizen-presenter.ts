import {
  type CitizenIdentity,
  type ContactAccess,
  contactAccess,
  presentCitizenText,
  presentIdentity,
} from '../../domain/citizen-privacy.js';
import { can, orderScope } from '../../domain/policy.js';
import type { Actor } from '../../domain/roles.js';

/** The citizen's columns of an order, as every output reads them. */
export interface CitizenColumns {
  channel: string;
  confidential: number;
  citizen_name: string;
  citizen_phone: string;
  citizen_address: string;
}

export interface PresentedCitizen extends CitizenIdentity {
  access: ContactAccess;
  confidential: boolean;
  /** The citizen's words (title, content) with the numbers, and on a 保密 order the name, as the viewer may see them. */
  text: (words: string) => string;
}

/**
 * The one place a citizen's identity leaves the server, in its fields and in the words of the
 * title and content: the order page, lists and search,
 * drill-downs, print pages and Excel exports all present it through here, masked or hidden
 * as the viewer may see it (domain/citizen-privacy.ts).
 *
 * `activeUnitIds` are the order's active units; a list need not load them: every order a unit
 * lists is one of its own, and the other roles' grants do not depend on them.
 */
export function presentCitizen(
  actor: Actor,
  order: CitizenColumns,
  activeUnitIds?: readonly number[],
): PresentedCitizen {
  const scope = orderScope(actor);
  const units = activeUnitIds ?? (scope.kind === 'unit' ? [scope.unitId] : []);
  const confidential = order.confidential === 1;
  const access = contactAccess(
    actor,
    { kind: 'order', channel: order.channel, activeUnitIds: units },
    confidential,
  );
  const shown = presentIdentity(access, {
    name: order.citizen_name,
    phone: order.citizen_phone,
    address: order.citizen_address,
  });
  return {
    ...shown,
    access,
    confidential,
    text: (words) => presentCitizenText(access, words, order.citizen_name),
  };
}

/**
 * Whether a list search may match the caller's phone, and the caller's name on a confidential
 * order: only for those who read every contact they can list. Otherwise a masked phone, or the
 * hidden caller of a 保密 order, could be found out by searching guesses until one matches.
 */
export function mayReadContacts(actor: Actor): boolean {
  return can(actor, 'workOrder.readCitizenContact');
}
