import { useEffect, useState } from 'react';
import { assistantApi, type DispatchSuggestions } from '../../api/assistant';
import { ApiError } from '../../api/client';

/** Waits for a pause in typing before asking: one request per pause, not per keystroke. */
const DEBOUNCE_MS = 300;

export interface SuggestionsState {
  data?: DispatchSuggestions;
  error?: string;
}

/**
 * The assistant's suggestions for the text as typed. One request serves the whole form: the
 * dispatch form shows its units in the assistant's box and its categories beside the picker.
 */
export function useDispatchSuggestions(title: string, content: string, orderId?: number): SuggestionsState {
  const [state, setState] = useState<SuggestionsState>({});
  const enough = `${title.trim()}${content.trim()}`.length >= 4;

  useEffect(() => {
    if (!enough) {
      setState({});
      return;
    }
    let live = true;
    const timer = setTimeout(() => {
      assistantApi
        .suggest(title, content, orderId)
        .then((data) => live && setState({ data }))
        .catch(
          (e) =>
            live &&
            setState((s) => ({ ...s, error: e instanceof ApiError ? e.message : '暂时无法给出建议' })),
        );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [title, content, orderId, enough]);

  return state;
}
