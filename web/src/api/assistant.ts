import { api } from './client';

export interface ModelFacts {
  trainedAt: string;
  orders: number;
  returns: number;
  units: number;
  categories: number;
  seconds: number;
}

export interface DispatchSuggestions {
  categories: Array<{ categoryId: number; path: [string, string, string]; confidence: number }>;
  units: Array<{
    unitId: number;
    name: string;
    confidence: number;
    suggestedByReturn: boolean;
    /** The citizen's words name this unit (「希望自然资源部门来查处」). */
    namedInText: boolean;
  }>;
  /** The units that returned the order (never suggested), with the reason. */
  returned: Array<{ unitId: number; name: string; reason: string }>;
  model: ModelFacts;
}

export interface ModelStatus {
  model: ModelFacts | null;
  training: boolean;
  lastError: string | null;
}

export const assistantApi = {
  /** With the order being dispatched, the units that returned it are left out (after-return.ts). */
  suggest: (title: string, content: string, orderId?: number) =>
    api.post<DispatchSuggestions>('/api/assistant/dispatch-suggestions', { title, content, orderId }),
  status: () => api.get<ModelStatus>('/api/assistant/dispatch-model'),
  retrain: () => api.post<ModelStatus>('/api/assistant/dispatch-model/retrain'),
};
