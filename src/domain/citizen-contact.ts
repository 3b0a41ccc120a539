/** How the unit answered the citizen before replying to the office (严禁未经反馈群众直接向热线办答复). */
export const CONTACT_METHODS = ['phone', 'visit', 'sms', 'other'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];
export const CONTACT_METHOD_LABELS: Record<ContactMethod, string> = {
  phone: '电话',
  visit: '上门/当面',
  sms: '短信',
  other: '其他',
};

export interface CitizenContact {
  /** ISO 8601 instant. */
  contactedAt: string;
  method: ContactMethod;
  contactedBy: string;
  /** What the citizen said when told the result. */
  citizenResponse: string;
}
