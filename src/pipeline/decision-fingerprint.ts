import { loadCatalog } from "../actions/load-catalog.ts";
import { variantSystemPrompt } from "../agent/variant-system-prompt.ts";
import type { Settings } from "../config/settings-schema.ts";
import { defaultGuardrailPolicy } from "../guardrails/policy-file.ts";
import { bytesToHex } from "../lib/bytes-to-hex.ts";

/** Hex characters kept of the SHA-256: 64 bits, plenty to tell configurations apart, short in a CSV. */
const LENGTH = 16;
const bundledCatalog = loadCatalog().catalog;
const cache = new WeakMap<Settings, Promise<string>>();

/**
 * A short stable hash of everything that decided: the effective settings (keys sorted, the account's
 * guardrail policy and action catalog overrides included), the bundled guardrail policy and action
 * catalog they apply to, the prompt version (the system prompt text of the settings' prompt variant)
 * and the model ids. Same inputs, same fingerprint; any change, a new one, so the ledger can compare
 * results before and after it. The canary block and share are left out: they decide nothing themselves
 * (a canary ticket decides with settings the block was merged into, withCanaryOverride), so a canary
 * decision's fingerprint differs from the current one exactly when the block changes a value, and
 * editing the block never changes the current configuration's fingerprint.
 */
export function decisionFingerprint(settings: Settings): Promise<string> {
  const known = cache.get(settings);
  if (known) return known;
  const { canary: _block, canaryPercent: _share, ...deciding } = settings;
  const document = stableJson({
    settings: deciding,
    guardrailPolicy: defaultGuardrailPolicy,
    actionCatalog: bundledCatalog,
    systemPrompt: variantSystemPrompt(settings.promptVariant),
    models: [settings.decisionModel, settings.handoffModel],
  });
  const hash = crypto.subtle
    .digest("SHA-256", new TextEncoder().encode(document))
    .then((digest) => bytesToHex(digest).slice(0, LENGTH));
  cache.set(settings, hash);
  return hash;
}

/** JSON with object keys sorted at every depth, so the same values always give the same text. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
