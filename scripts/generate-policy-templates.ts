/** Writes the policy templates (scripts/policy-templates.ts) to deploy/policy/. Run: npm run generate:policy */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { policyTemplates } from './policy-templates';

const outDir = path.resolve(import.meta.dirname, '..', 'deploy', 'policy');
for (const [file, text] of Object.entries(policyTemplates())) {
  const target = path.join(outDir, file);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, text);
  console.log(`generate-policy-templates: ${path.relative(process.cwd(), target)}`);
}
