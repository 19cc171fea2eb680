import { loadCatalog } from "../actions/load-catalog.ts";
import { SYSTEM_PROMPT } from "../agent/system-prompt.ts";
import type { Settings } from "../config/settings-schema.ts";
import { defaultGuardrailPolicy } from "../guardrails/policy-file.ts";

/** Hex characters kept of the SHA-256: 64 bits, plenty to tell configurations apart, short in a CSV. */
const LENGTH = 16;
const bundledCatalog = loadCatalog().catalog;
const cache = new WeakMap<Settings, Promise<string>>();

/**
 * A short stable hash of everything that decided: the effective settings (keys sorted, the account's
 * guardrail policy and action catalog overrides included), the bundled guardrail policy and action
 * catalog they apply to, the prompt version (the system prompt text) and the model ids. Same inputs,
 * same fingerprint; any change, a new one, so the ledger can compare results before and after it.
 */
export function decisionFingerprint(settings: Settings): Promise<string> {
  const known = cache.get(settings);
  if (known) return known;
  const document = stableJson({
    settings,
    guardrailPolicy: defaultGuardrailPolicy,
    actionCatalog: bundledCatalog,
    systemPrompt: SYSTEM_PROMPT,
    models: [settings.decisionModel, settings.handoffModel],
  });
  const hash = crypto.subtle.digest("SHA-256", new TextEncoder().encode(document)).then((digest) =>
    [...new Uint8Array(digest)]
      .map((b) => b.toString(16).padStart(2, "0"))
      .join("")
      .slice(0, LENGTH),
  );
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
