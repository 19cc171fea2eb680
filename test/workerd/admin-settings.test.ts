import { createExecutionContext } from "cloudflare:test";
import { env as bindings } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Env } from "../../src/env.ts";
import worker from "../../src/index.ts";

/** The settings checks (zod schemas, the regex safety check and its parser) load and run in workerd. */
describe("admin settings inside workerd", () => {
  const TOKEN = "workerd-admin-token-0123456789";
  const env = { ...(bindings as Env), DESKMATE_ADMIN_TOKEN: TOKEN };
  const put = (settings: Record<string, unknown>) =>
    worker.fetch(
      new Request("https://deskmate.test/admin/settings/intercom", {
        method: "PUT",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ workspace_id: "ws_workerd", settings }),
      }) as Request<unknown, IncomingRequestCfProperties>,
      env,
      createExecutionContext(),
    );

  it("refuses a catastrophic guardrail pattern and stores a safe one", async () => {
    const refused = await put({
      guardrail_policy_override: { prohibitedTopics: [{ topic: "crypto", patterns: ["^(a+)+$"] }] },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(await refused.json())).toContain(
      "prohibitedTopics.0.patterns.0: a repetition inside a repeated group",
    );

    const stored = await put({
      guardrail_policy_override: { prohibitedTopics: [{ topic: "crypto", patterns: ["\\bbitcoin\\b"] }] },
    });
    expect(stored.status).toBe(200);
    expect(await stored.json()).toMatchObject({ sources: { guardrail_policy_override: "workspace" } });
  });
});
