import { readFileSync } from "node:fs";
import { registerHooks } from "node:module";
import { fileURLToPath } from "node:url";

/**
 * Node scripts that import the worker (`npm run bench`) need `.md` files as text modules, as wrangler
 * bundles them (wrangler.toml `[[rules]] type = "Text"`). Loaded with `node --import`.
 */
registerHooks({
  load(url, context, nextLoad) {
    if (!url.endsWith(".md")) return nextLoad(url, context);
    const text = readFileSync(fileURLToPath(url), "utf8");
    return { format: "module", source: `export default ${JSON.stringify(text)};`, shortCircuit: true };
  },
});
