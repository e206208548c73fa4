/** Bundles a browser-side test entry (TypeScript/TSX, importing renderer and common code) into one script and its CSS. */
import { build } from 'esbuild';

export type PageBundle = { script: string; css: string };

/** `stylesheets` are bundled beside the entry (the app's own CSS, which the entry does not import). */
export async function bundleForPage(entry: string, stylesheets: string[] = []): Promise<PageBundle> {
  const result = await build({
    entryPoints: [entry, ...stylesheets],
    bundle: true,
    write: false,
    outdir: 'bundle',
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    jsx: 'automatic',
    loader: { '.svg': 'dataurl', '.woff2': 'dataurl' },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const text = (ext: string) => result.outputFiles.filter((f) => f.path.endsWith(ext)).map((f) => f.text).join('\n');
  return { script: text('.js'), css: text('.css') };
}
