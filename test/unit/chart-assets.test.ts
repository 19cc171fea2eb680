import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CHART_ASSETS, VENDOR_DIR } from "../../scripts/copy-chart-assets.ts";

describe("chart assets", () => {
  it("the committed uPlot copies equal the pinned package (npm run assets:charts after a version change)", () => {
    const pinned = JSON.parse(readFileSync("package.json", "utf8")).devDependencies.uplot;
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(JSON.parse(readFileSync("node_modules/uplot/package.json", "utf8")).version).toBe(pinned);
    for (const asset of CHART_ASSETS) {
      expect(readFileSync(`${VENDOR_DIR}/${asset.to}`).equals(readFileSync(asset.from)), asset.to).toBe(true);
    }
  });
});
