import type { PolicyProblem } from './settingsSelectors';

/** The policy file's problems, each naming its key; the app keeps working on the keys that were valid. */
export function PolicyProblems({ problems }: { problems: readonly PolicyProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <section className="settings-policy-warning" role="alert" aria-labelledby="settings-policy-warning-title" data-testid="policy-warning">
      <h3 id="settings-policy-warning-title">Your organisation's policy file has a problem</h3>
      <ul>
        {problems.map((problem) => (
          <li key={problem.message}>{problem.message}</li>
        ))}
      </ul>
      <p className="field-hint">The settings it names keep their usual values; the valid ones still apply. Tell your IT team.</p>
    </section>
  );
}
