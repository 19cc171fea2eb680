import { describe, expect, it } from "vitest";
import type { GuardEvent } from "../../src/domain/stage-guard.ts";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import { readCanaryRollbacks, writeCanaryRollbacks } from "../../src/state/canary-rollbacks.ts";
import { readGuardedCategories, writeGuardedCategories } from "../../src/state/guarded-categories.ts";
import { consoleClient, pageMetrics } from "../support/console-client.ts";
import { decision } from "../support/ledger-rows.ts";

const ACME = "platform=zendesk&account=acme";

const trip: GuardEvent = {
  platform: "zendesk",
  account: "acme",
  cohortKind: "category",
  cohort: "refund",
  action: "tripped",
  reason: "false_resolution_rate",
  rate: 0.4,
  samples: 20,
  threshold: 0.15,
  windowDays: 14,
  at: "2026-12-01T10:41:00.000Z",
  actor: "guard",
};

async function guarded() {
  const client = await consoleClient({ decisions: [decision({ category: "refund" })] });
  await client.ledger.recordGuardEvent(trip);
  const store = client.h.runtime.pipelineDeps("zendesk", "acme").store;
  await writeGuardedCategories(store, {
    refund: {
      since: trip.at,
      reason: "false_resolution_rate",
      rate: 0.4,
      samples: 20,
      threshold: 0.15,
      windowDays: 14,
    },
  });
  return { ...client, store };
}

describe("the console's Guard page", () => {
  it("shows the fallbacks and the history with the numbers of GET /admin/guard/status", async () => {
    const { get, api, signIn } = await guarded();
    const { cookie } = await signIn();
    const res = await get(`/admin/guard?${ACME}`, cookie);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<a href="/admin/guard?');
    expect(page).toContain('aria-current="page">Guard</a>');
    expect(page).toContain('data-category="refund"');
    expect(page).toContain("Re-enable autosend");

    const status = (await (await api(`/admin/guard/status?${ACME}`)).json()) as {
      settings: Record<"window_days" | "min_samples" | "max_false_resolution_rate" | "max_bad_csat_rate", number>;
      fallbacks: Array<{ category: string; rate: number; samples: number; threshold: number; window_days: number }>;
      history: Array<{ rate: number | null; samples: number | null; threshold: number | null }>;
    };
    const expected: Record<string, string> = {};
    for (const key of ["window_days", "min_samples", "max_false_resolution_rate", "max_bad_csat_rate"] as const) {
      expected[`settings.${key}`] = String(status.settings[key]);
    }
    status.fallbacks.forEach((f, i) => {
      for (const key of ["rate", "samples", "threshold", "window_days"] as const) {
        expected[`fallbacks.${i}.${key}`] = String(f[key]);
      }
    });
    status.history.forEach((e, i) => {
      for (const key of ["rate", "samples", "threshold"] as const) expected[`history.${i}.${key}`] = String(e[key]);
    });
    expect(pageMetrics(page)).toEqual(expected);
    expect(expected["fallbacks.0.rate"]).toBe("0.4");
    expect(expected["settings.window_days"]).toBe("14");
    expect(page).toContain("only an admin re-enables a category");
  });

  it("re-enables a category only with the session's CSRF token, and records who did it", async () => {
    const { get, post, api, signIn, store } = await guarded();
    const { cookie, csrf } = await signIn();
    const fields = { platform: "zendesk", account: "acme", category: "refund" };

    const forged = await post(`/admin/guard?${ACME}`, { ...fields, csrf: "forged" }, cookie);
    expect(forged.status).toBe(403);
    expect(
      ((await (await api(`/admin/guard/status?${ACME}`)).json()) as { fallbacks: unknown[] }).fallbacks,
    ).toHaveLength(1);

    const done = await post(`/admin/guard?${ACME}`, { ...fields, csrf }, cookie);
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toContain("reenabled=refund");
    const after = (await (await api(`/admin/guard/status?${ACME}`)).json()) as {
      fallbacks: unknown[];
      history: Array<{ action: string; reason: string; by: string }>;
    };
    expect(after.fallbacks).toEqual([]);
    expect(after.history[0]).toMatchObject({ action: "re_enabled", reason: "admin", by: "admin" });
    // The pipeline's copy is written at once: the next refund message may autosend.
    expect(await readGuardedCategories(store, createMemoryLogger().logger)).toEqual({ categories: {} });

    const page = await (await get(done.headers.get("location") ?? "", cookie)).text();
    expect(page).toContain("Autosend of refund re-enabled");
    expect(page).toContain('data-fallbacks="none"');

    // Again: nothing left to re-enable, said on the page.
    const again = await post(`/admin/guard?${ACME}`, { ...fields, csrf }, cookie);
    expect(again.status).toBe(404);
    expect(await again.text()).toContain("has not fallen back to draft");
  });

  it("shows a rolled-back canary with its numbers and re-enables it from its form", async () => {
    const fingerprint = "c0ffee0000000001";
    const client = await consoleClient({ decisions: [decision({ category: "refund" })] });
    await client.ledger.recordGuardEvent({ ...trip, cohortKind: "canary", cohort: fingerprint, rate: 0.3 });
    const store = client.h.runtime.pipelineDeps("zendesk", "acme").store;
    await writeCanaryRollbacks(store, [fingerprint]);
    const { cookie, csrf } = await client.signIn();
    const page = await (await client.get(`/admin/guard?${ACME}`, cookie)).text();
    expect(page).toContain(`data-canary="${fingerprint}"`);
    expect(page).toContain('name="canary" value="c0ffee0000000001"');
    expect(page).toContain('data-fallbacks="none"');
    const status = (await (await client.api(`/admin/guard/status?${ACME}`)).json()) as {
      canary_rollbacks: Array<{ rate: number; samples: number; threshold: number }>;
    };
    const shown = pageMetrics(page);
    expect(shown["canary_rollbacks.0.rate"]).toBe(String(status.canary_rollbacks[0]?.rate));
    expect(shown["canary_rollbacks.0.samples"]).toBe(String(status.canary_rollbacks[0]?.samples));
    expect(shown["canary_rollbacks.0.threshold"]).toBe(String(status.canary_rollbacks[0]?.threshold));

    const done = await client.post(
      `/admin/guard?${ACME}`,
      { platform: "zendesk", account: "acme", canary: fingerprint, csrf },
      cookie,
    );
    expect(done.status).toBe(303);
    expect(await readCanaryRollbacks(store, createMemoryLogger().logger)).toEqual({ fingerprints: [] });
    const after = await (await client.get(done.headers.get("location") ?? "", cookie)).text();
    expect(after).toContain(`canary ${fingerprint} re-enabled`);
    expect(after).toContain('data-canary-rollbacks="none"');
  });

  it("without a signed-in session the page sends the reader to the sign-in form", async () => {
    const { get } = await guarded();
    const res = await get(`/admin/guard?${ACME}`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/admin");
  });
});
