/** The agent's settings under the IT policy (main/core/settings.ts); a change is pushed as `settingsChanged`. */
import { setSetting, settingsView } from '../settings';
import type { CoreContext, CoreService } from './context';

export function settingsService({ settings, policy, emit }: CoreContext): CoreService {
  return {
    name: 'settings',
    handlers: {
      getSettings: () => settingsView(settings, policy),
      async setSetting(request) {
        const view = await setSetting(settings, policy, request.key, request.value);
        emit('settingsChanged', view);
        return view;
      },
    },
  };
}
