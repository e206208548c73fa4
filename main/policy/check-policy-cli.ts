/**
 * The policy check from a terminal, without Electron: `npm run check-policy -- [FILE]`. Prints each
 * problem by key and exits 1 on any, 0 when the policy is fine (check-policy.ts).
 */
import { checkPolicy, CHECK_POLICY_FLAG, findCheckPolicyRequest } from './check-policy';

const args = process.argv.slice(2);
const request = findCheckPolicyRequest(args.includes(CHECK_POLICY_FLAG) ? args : [CHECK_POLICY_FLAG, ...args]) ?? { file: null };
const result = await checkPolicy(request.file);
for (const line of result.lines) (result.exitCode === 0 ? console.log : console.error)(line);
process.exitCode = result.exitCode;
