// PDF import cost against page count (issue 13, point 7): reading n pages should cost about n times one page. PDFs
// with a flat page tree (every page under the root, as many generators write them), read through the shipped
// importer; per-page cost at each size, medians over --runs, and the ratio of the largest size's per-page cost to
// the smallest's (1 means linear; n²-growth shows as the size ratio). `npm run bench:pdf -- --runs 3`
import path from 'node:path';
import { pdfImporter } from '../src/core/importers/pdf-importer';
import { minimalPdf } from '../test/import/support/fixtures';
import { positiveNumber } from './number-option';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args[i + 1];
};
const runs = positiveNumber(option('runs'), 'runs', 3);
const sizes = (option('pages') ?? '1000,2000,4000,8000').split(',').map((s) => positiveNumber(s, 'pages', 0));

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Imports a generated flat PDF of `pages` pages once; returns the milliseconds it took. */
async function importOnce(pages: number): Promise<number> {
  const bytes = minimalPdf(Array.from({ length: pages }, (_, i) => `Page ${i + 1}: whales sing at dawn and krill swarm at dusk`), `Flat ${pages}`);
  const started = performance.now();
  const { notes } = await pdfImporter.parse({ absPath: path.join('/bench', `flat-${pages}.pdf`), relPath: `flat-${pages}.pdf`, bytes, mtime: new Date() }, {});
  const elapsed = performance.now() - started;
  if (!notes[0]?.body.includes(`## Page ${pages}\n`)) throw new Error(`the ${pages}-page PDF did not yield its last page`);
  return elapsed;
}

await importOnce(50); // loads pdfjs, so the first size does not pay for it
const perPage = new Map<number, number>();
console.log(`PDF import, flat page tree, median of ${runs} runs`);
for (const pages of sizes) {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) times.push(await importOnce(pages));
  const ms = median(times);
  perPage.set(pages, ms / pages);
  console.log(`${String(pages).padStart(6)} pages  ${ms.toFixed(0).padStart(6)} ms  ${(ms / pages).toFixed(3)} ms/page`);
}
const first = sizes[0]!;
const last = sizes.at(-1)!;
console.log(`per-page cost at ${last} pages / at ${first} pages: ${(perPage.get(last)! / perPage.get(first)!).toFixed(2)} (1 = linear; quadratic would be ${(last / first).toFixed(0)})`);
