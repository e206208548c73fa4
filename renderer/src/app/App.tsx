import { SignInForm } from '../features/session/SignInForm';
import { selectAgent, selectSessionKnown } from '../features/session/sessionSlice';
import { useAppSelector } from './hooks';
import { MainView } from './MainView';

export function App() {
  const known = useAppSelector(selectSessionKnown);
  const agent = useAppSelector(selectAgent);
  if (!known) {
    return (
      <p className="starting" role="status">
        Starting Switchboard…
      </p>
    );
  }
  return agent ? <MainView /> : <SignInForm />;
}
