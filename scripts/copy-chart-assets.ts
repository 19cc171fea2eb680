/**
 * `npm run assets:charts`: copies uPlot's browser build from the pinned npm package into the Workers
 * static assets folder (public/console/vendor/), where the console's pages load it from this origin.
 *
 * The copies are committed, so `wrangler dev`, the demo, the workerd tests and a deploy need no build
 * step; test/unit/chart-assets.test.ts fails when they no longer equal the installed package (run this
 * script after changing uPlot's version in package.json).
 */
import { copyFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Source in the package → name in public/console/vendor/. */
export const CHART_ASSETS: ReadonlyArray<{ from: string; to: string }> = [
  { from: "node_modules/uplot/dist/uPlot.iife.min.js", to: "uPlot.iife.min.js" },
  { from: "node_modules/uplot/dist/uPlot.min.css", to: "uPlot.min.css" },
  { from: "node_modules/uplot/LICENSE", to: "uPlot.LICENSE.txt" },
];
export const VENDOR_DIR = "public/console/vendor";

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(join(root, VENDOR_DIR), { recursive: true });
  for (const asset of CHART_ASSETS) {
    copyFileSync(join(root, asset.from), join(root, VENDOR_DIR, asset.to));
    console.log(`copied ${asset.from} -> ${VENDOR_DIR}/${asset.to}`);
  }
}
