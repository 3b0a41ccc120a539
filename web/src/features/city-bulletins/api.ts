import type { AccountabilityMeasure } from '../../../../src/domain/city-bulletin';
import { api } from '../../api/client';

export interface CityBulletin {
  id: number;
  number: string;
  title: string;
  issuedOn: string;
  issuer: string;
  matter: string;
  recordedByName: string;
  recordedAt: string;
  version: number;
  orders: Array<{ id: number; code: string; title: string }>;
  units: Array<{
    unitId: number;
    unitName: string;
    measure: AccountabilityMeasure | null;
    measureLabel: string;
    note: string;
    decidedBy: string;
  }>;
}

export interface CityBulletinList {
  items: CityBulletin[];
  measures: Array<{ value: AccountabilityMeasure; label: string }>;
}

/** 被市政府通报: recorded by the office, read by the units they name. */
export const cityBulletinsApi = {
  list: () => api.get<CityBulletinList>('/api/city-bulletins'),
  record: (body: Record<string, unknown>) => api.post<CityBulletin>('/api/city-bulletins', body),
  update: (id: number, body: Record<string, unknown>) =>
    api.put<CityBulletin>(`/api/city-bulletins/${id}`, body),
};
