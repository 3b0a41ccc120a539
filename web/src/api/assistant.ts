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
  units: Array<{ unitId: number; name: string; confidence: number }>;
  model: ModelFacts;
}

export interface ModelStatus {
  model: ModelFacts | null;
  training: boolean;
  lastError: string | null;
}

export const assistantApi = {
  suggest: (title: string, content: string) =>
    api.post<DispatchSuggestions>('/api/assistant/dispatch-suggestions', { title, content }),
  status: () => api.get<ModelStatus>('/api/assistant/dispatch-model'),
  retrain: () => api.post<ModelStatus>('/api/assistant/dispatch-model/retrain'),
};
