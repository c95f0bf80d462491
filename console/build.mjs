// Bundles the console into one directory: index.html, one hashed script and one hashed stylesheet.
// Usage: node build.mjs <output directory>. Fails when the gzipped total exceeds the budget (console/README.md).
import * as esbuild from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_GZIP_BYTES = 300 * 1024;
const out = process.argv[2] || 'dist';

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const result = await esbuild.build({
  entryPoints: ['src/main.js'],
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020'],
  entryNames: '[name]-[hash]',
  outdir: out,
  metafile: true,
  legalComments: 'linked',
  logLevel: 'warning',
});
const outputs = Object.keys(result.metafile.outputs).map((path) => basename(path));
const script = outputs.find((name) => name.endsWith('.js'));
const style = outputs.find((name) => name.endsWith('.css'));
// Only files the bundle produced are named here; no inline script or style (the CSP forbids both).
const html = readFileSync('src/index.html', 'utf8').replace('%SCRIPT%', script).replace('%STYLE%', style);
writeFileSync(join(out, 'index.html'), html);

let total = 0;
for (const name of readdirSync(out)) {
  total += gzipSync(readFileSync(join(out, name)), { level: 9 }).length;
}
console.log(`console: ${readdirSync(out).join(', ')}; ${(total / 1024).toFixed(1)} KB gzipped (budget ${BUDGET_GZIP_BYTES / 1024} KB)`);
if (total > BUDGET_GZIP_BYTES) {
  console.error(`console: ${total} bytes gzipped is over the budget of ${BUDGET_GZIP_BYTES}`);
  process.exit(1);
}
