/** The agent's settings under the IT policy (main/core/settings.ts); a change is pushed as `settingsChanged`. */
import { setSetting, settingsView } from '../settings';
import type { CoreContext, CoreService } from './context';

export function settingsService({ cache, policy, emit }: CoreContext): CoreService {
  return {
    name: 'settings',
    handlers: {
      getSettings: () => settingsView(cache, policy),
      setSetting(request) {
        const view = setSetting(cache, policy, request.key, request.value);
        emit('settingsChanged', view);
        return view;
      },
    },
  };
}
