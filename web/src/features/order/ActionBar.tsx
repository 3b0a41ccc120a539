import { Button, Flex } from 'antd';
import { ACTION_LABELS } from '../../api/labels';
import type { Action } from '../../api/types';
import { ACTION_SPECS } from '../actions/specs';

/** Exactly the actions the server allows now; the rules live on the server. */
export function ActionBar({ actions, onPick }: { actions: Action[]; onPick: (a: Action) => void }) {
  if (actions.length === 0) return null;
  return (
    <Flex wrap gap={8}>
      {actions.map((a) => {
        const spec = ACTION_SPECS[a];
        return (
          <Button
            key={a}
            type={spec.primary ? 'primary' : 'default'}
            danger={spec.danger}
            onClick={() => onPick(a)}
          >
            {ACTION_LABELS[a]}
          </Button>
        );
      })}
    </Flex>
  );
}
