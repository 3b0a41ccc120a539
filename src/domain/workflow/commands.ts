import type { Urgency } from '../deadlines.js';
import type { KnowledgeCitation } from '../knowledge/entries.js';
import type { ReplyContent } from '../reply-standard.js';
import type { CategoryNamed } from './event-payloads.js';
import type { CallbackResult, RedoReason } from './states.js';

/**
 * A request category the user chose, by its id, with what the database holds under it (looked
 * up in the action's transaction): null when no category has that id.
 */
export interface CategoryChoice {
  id: number;
  found: (CategoryNamed & { active: boolean }) | null;
}

/** The input of each workflow action, already shaped by the API's schemas. */
export type Command =
  | {
      action: 'dispatch';
      leadUnitId: number;
      coUnitIds: number[];
      urgency?: Urgency;
      leaderDeadline?: Date | null;
      note?: string;
      /** For an order registered without a request category: the one the dispatcher chose. */
      category?: CategoryChoice | null;
    }
  | { action: 'sign' }
  | {
      action: 'requestReturn';
      reason: string;
      suggestedUnit: string;
      /** The returning unit's own name and synonyms: it cannot suggest itself. */
      ownUnitNames?: readonly string[];
    }
  | { action: 'approveReturn'; opinion?: string }
  | { action: 'rejectReturn'; opinion: string }
  | {
      action: 'requestExtension';
      reason: string;
      requestedDeadline: Date;
      mainLeaderName: string;
      scanAttachmentId: number;
    }
  | { action: 'approveExtension'; newDeadline?: Date | null; opinion?: string }
  | { action: 'rejectExtension'; opinion: string }
  | { action: 'reportProgress'; content: string }
  | { action: 'coSign' }
  | { action: 'coOpinion'; content: string }
  | { action: 'coReturn'; reason: string; suggestedUnit: string; ownUnitNames?: readonly string[] }
  | { action: 'addCoUnit'; unitId: number; note?: string }
  | { action: 'reply'; reply: ReplyContent; issuerScanAttachmentId?: number | null }
  | { action: 'submitForSignOff'; reply: ReplyContent }
  | { action: 'signOff' }
  | { action: 'sendBackSignOff'; comment: string }
  | { action: 'leaderRead'; instruction?: string | null }
  | {
      action: 'recordFaxReply';
      reply: ReplyContent;
      scanAttachmentId: number;
      faxReceivedAt: Date;
      /** Why a fax is entered long after it came, or after the deadline it was received before. */
      backdateReason?: string | null;
    }
  | { action: 'acceptReview'; opinion?: string }
  | { action: 'orderRedo'; reasons: RedoReason[]; opinion: string }
  | { action: 'callback'; result: CallbackResult; note: string }
  | {
      action: 'close';
      explanation?: string;
      /** The office finds the demand beyond policy: what lets an order closed on an unsatisfied callback. */
      beyondPolicy?: boolean;
    }
  | { action: 'void'; reason: string }
  | { action: 'merge'; intoOrderId: number; intoCode: string; reason: string }
  | { action: 'linkRepeat'; repeatOfId: number; repeatOfCode: string }
  | { action: 'reclassify'; category: CategoryChoice; reason?: string | null }
  | { action: 'answerOnSpot'; citation: KnowledgeCitation | null; answer: string }
  | { action: 'urge'; message: string }
  | {
      action: 'recordPhoneSupervision';
      calledAt: Date;
      calleeName: string;
      calleeUnitId: number;
      summary: string;
      promise: string;
    }
  | { action: 'escalate'; reason: string }
  | { action: 'recordSupervisionFinding'; findings: string; measures: string }
  | { action: 'reportToLeaders'; summary: string }
  | { action: 'concludeSupervision'; conclusion: string };

export type CommandOf<A extends Command['action']> = Extract<Command, { action: A }>;
