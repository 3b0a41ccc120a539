import { AppRefusal } from './refusal.js';

/**
 * What an attachment was uploaded for. A file that a step relies on as proof (the main leader's
 * signed extension request, the faxed reply) must have been uploaded for that purpose, on that
 * order, by the party the step belongs to, and not already serve an earlier request: a photo of
 * the site is not a signed request, and last week's signed request does not sign this one.
 */
export const ATTACHMENT_PURPOSES = {
  material: '工单材料',
  extension_scan: '延期申请扫描件',
  fax_reply: '传真答复件',
  signed_reply: '签发件扫描件',
  registration_scan: '登记表扫描件',
  photo: '现场照片',
  other: '其他',
} as const;
export type AttachmentPurpose = keyof typeof ATTACHMENT_PURPOSES;

export const isAttachmentPurpose = (value: string): value is AttachmentPurpose =>
  Object.hasOwn(ATTACHMENT_PURPOSES, value);

/** The facts about a stored file that decide whether it can serve as proof. */
export interface AttachmentFacts {
  id: number;
  orderId: number | null;
  purpose: string;
  /** The unit of the person who uploaded it. */
  unitId: number;
  /** The request it already serves, if any. */
  boundTo: string | null;
  /** A registration form's scan: the unit whose registration it was uploaded for. */
  forUnitId?: number | null;
}

export interface ProofRequirement {
  purpose: AttachmentPurpose;
  orderId: number;
  /** The unit that must have uploaded it (the requesting unit), when it matters. */
  unitId?: number;
}

/** The stamped registration form of one unit: uploaded for that unit's registration, not on an order. */
export interface RegistrationProof {
  purpose: 'registration_scan';
  forUnitId: number;
}

const refusal = (code: string, message: string, details?: Record<string, unknown>) =>
  new AppRefusal(code, message, details, 'invalid');

/** Throws a refusal saying why `file` cannot serve as the proof `need` asks for; returns when it can. */
export function checkProof(file: AttachmentFacts | undefined, need: ProofRequirement): void {
  const what = ATTACHMENT_PURPOSES[need.purpose];
  if (!file || file.orderId !== need.orderId) {
    throw refusal('ATTACHMENT_REQUIRED', `请先上传${what}，并在提交时选用本工单上为此上传的文件。`);
  }
  if (file.purpose !== need.purpose) {
    const actual = isAttachmentPurpose(file.purpose) ? ATTACHMENT_PURPOSES[file.purpose] : '其他文件';
    throw refusal(
      'ATTACHMENT_WRONG_PURPOSE',
      `所选文件是作为「${actual}」上传的，不是${what}。请按「${what}」上传签字盖章的文件后再提交。`,
      { attachmentId: file.id, purpose: file.purpose, required: need.purpose },
    );
  }
  if (need.unitId !== undefined && file.unitId !== need.unitId) {
    throw refusal('ATTACHMENT_NOT_OWN', `${what}须由提出申请的单位自己上传。`, { attachmentId: file.id });
  }
  if (file.boundTo !== null) throw proofAlreadyUsed(need, file.id);
}

/** As checkProof, for the stamped registration form (登记表) a unit files. */
export function checkRegistrationProof(file: AttachmentFacts | undefined, need: RegistrationProof): void {
  const what = ATTACHMENT_PURPOSES[need.purpose];
  if (!file)
    throw refusal(
      'ATTACHMENT_REQUIRED',
      `请先上传加盖公章的${what}（登记表须盖章后报县热线办），再保存登记表。`,
    );
  if (file.orderId !== null || file.forUnitId !== need.forUnitId)
    throw refusal(
      'ATTACHMENT_OTHER_REQUEST',
      `所选文件不是为本单位登记表上传的（${file.orderId !== null ? '它是工单上的附件' : '它是为其他单位的登记表上传的'}）。请在登记表中上传本单位加盖公章的${what}。`,
      { attachmentId: file.id },
    );
  if (file.purpose !== need.purpose) {
    const actual = isAttachmentPurpose(file.purpose) ? ATTACHMENT_PURPOSES[file.purpose] : '其他文件';
    throw refusal(
      'ATTACHMENT_WRONG_PURPOSE',
      `所选文件是作为「${actual}」上传的，不是${what}。请按「${what}」上传加盖公章的登记表后再保存。`,
      { attachmentId: file.id, purpose: file.purpose, required: need.purpose },
    );
  }
  if (file.boundTo !== null) throw registrationScanUsed(file.id);
}

/** The scan already backed an earlier filing: each filing needs the form stamped for it. */
export function registrationScanUsed(attachmentId: number): AppRefusal {
  return refusal(
    'ATTACHMENT_ALREADY_USED',
    `所选${ATTACHMENT_PURPOSES.registration_scan}已用于此前的一次报送，每次修改登记表须上传本次加盖公章的登记表。`,
    { attachmentId },
  );
}

/** The file already proves another request (also when another request took it a moment ago). */
export function proofAlreadyUsed(need: ProofRequirement, attachmentId: number): AppRefusal {
  return refusal(
    'ATTACHMENT_ALREADY_USED',
    `所选${ATTACHMENT_PURPOSES[need.purpose]}已用于本工单此前的一次申请，每次申请须上传本次签字的文件。`,
    { attachmentId },
  );
}
