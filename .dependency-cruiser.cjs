/**
 * The import rules of src/ (ARCHITECTURE.md explains the layers). `npm run lint:imports` runs them;
 * `npm test` runs that first. A rule never gets an exception: move the code instead.
 */

// Lowest first. A folder may import its own layer's files and lower layers only.
const LAYERS = [
  ["domain"],
  ["lib", "ports", "env.ts"],
  ["state", "ledger"],
  ["guardrails", "actions"],
  ["config"],
  ["knowledge"],
  ["triage"],
  ["policy"],
  ["handoff"],
  ["metrics"],
  ["rollout"],
  ["agent"],
  ["platforms"],
  ["pipeline"],
  ["nightly"],
  ["http", "http/console", "http/zendesk-app"],
  ["runtime.ts", "index.ts"],
];

const path = (names) => `^src/(${names.map((n) => n.replace(".", "\\.")).join("|")})(/|$)`;

const layerRules = LAYERS.slice(0, -1).map((layer, i) => ({
  name: `layer-${layer.join("-").replace(/\.ts/g, "")}`,
  comment: `${layer.join(", ")} may not import ${LAYERS.slice(i + 1)
    .flat()
    .join(", ")} (a higher layer)`,
  severity: "error",
  from: { path: path(layer) },
  to: { path: path(LAYERS.slice(i + 1).flat()) },
}));

/**
 * The only packages the worker may import. Vendor APIs (Zendesk, Intercom, Claude, Upstash) are called over
 * fetch by one client module each: their SDKs cost hundreds of KiB of bundle for a handful of endpoints. A
 * new entry here is a bundle-size decision (`npm run build` prints the gzip size; the budget is 300 KiB).
 */
const WORKER_PACKAGES = ["hono", "zod", "minisearch", "regjsparser", "sentiment"];

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "no import cycles, type-only imports included",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "domain-imports-nothing",
      comment: "src/domain holds the shared types and imports nothing, not even a library",
      severity: "error",
      from: { path: "^src/domain/" },
      to: { pathNot: "^src/domain/" },
    },
    {
      name: "pure-layers-stay-pure",
      comment: "triage, policy and handoff never import a platform, the pipeline, the state store or the model adapter",
      severity: "error",
      from: { path: "^src/(triage|policy|handoff)/" },
      to: { path: "^src/(platforms|pipeline|state|http)/|^src/agent/anthropic-model\\.ts$|^src/runtime\\.ts$" },
    },
    {
      name: "metrics-imports-domain-and-lib-only",
      comment: "metrics computes from ledger rows alone: no store, no helpdesk, no settings loader, no I/O",
      severity: "error",
      from: { path: "^src/metrics/" },
      to: { path: "^src/", pathNot: "^src/(metrics|domain|lib)/" },
    },
    {
      name: "rollout-imports-domain-lib-and-metrics-only",
      comment: "rollout decides from ledger rows and numbers alone (arms, agreement, intervals, gates): no I/O",
      severity: "error",
      from: { path: "^src/rollout/" },
      to: { path: "^src/", pathNot: "^src/(rollout|metrics|domain|lib)/" },
    },
    {
      name: "platforms-never-import-the-pipeline",
      severity: "error",
      from: { path: "^src/platforms/" },
      to: { path: "^src/(pipeline|http)/|^src/runtime\\.ts$" },
    },
    {
      name: "one-platform-at-a-time",
      comment: "a platform folder never imports the other platform",
      severity: "error",
      from: { path: "^src/platforms/(zendesk|intercom)/" },
      to: { path: "^src/platforms/(zendesk|intercom)/", pathNot: "^src/platforms/$1/" },
    },
    ...layerRules,
    {
      name: "worker-packages-only",
      comment: `the worker imports only ${WORKER_PACKAGES.join(", ")}; call vendor APIs over fetch`,
      severity: "error",
      from: { path: "^src/" },
      to: { path: "node_modules/", pathNot: `node_modules/(${WORKER_PACKAGES.join("|")})/` },
    },
  ],
  options: {
    // The TypeScript 7 compiler has no JavaScript API yet; swc parses the sources instead.
    parser: "swc",
    tsPreCompilationDeps: true,
    doNotFollow: { path: "node_modules" },
    includeOnly: "^src/|node_modules/",
    exclude: { path: "\\.d\\.ts$" },
  },
};
