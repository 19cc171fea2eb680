import { readFileSync } from "node:fs";
import { defineConfig, type Plugin } from "vitest/config";

/** `.md` imports as text, as wrangler bundles them (wrangler.toml `[[rules]] type = "Text"`). */
const markdownAsText: Plugin = {
  name: "markdown-as-text",
  enforce: "pre",
  load(id) {
    if (!id.endsWith(".md")) return null;
    return `export default ${JSON.stringify(readFileSync(id, "utf8"))};`;
  },
};

export default defineConfig({
  plugins: [markdownAsText],
  test: {
    root: new URL("..", import.meta.url).pathname,
    include: ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
