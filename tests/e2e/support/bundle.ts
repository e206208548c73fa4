/** Bundles a browser-side test entry (TypeScript, importing renderer and common code) into one script. */
import { build } from 'esbuild';

export async function bundleForPage(entry: string): Promise<string> {
  const result = await build({ entryPoints: [entry], bundle: true, write: false, format: 'iife', platform: 'browser', target: 'chrome120', logLevel: 'silent' });
  return result.outputFiles[0].text;
}
