import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Platform } from "../../src/domain/support-event.ts";
import { writeCanaryRollbacks } from "../../src/state/canary-rollbacks.ts";
import { createAnthropicMock } from "../support/anthropic-mock.ts";
import { createIntercomSandbox } from "../support/intercom-sandbox.ts";
import { stageIntercomScenario } from "../support/intercom-scenarios.ts";
import { useMswServer } from "../support/msw-server.ts";
import { expectRequestsMatchSpec } from "../support/openapi-contract.ts";
import { recordedReply, SCENARIOS, stageScenario } from "../support/scenarios.ts";
import { TEST_INTERCOM_APP_ID } from "../support/signed-intercom-request.ts";
import { createHarness } from "../support/worker-harness.ts";
import { ticketCreated } from "../support/zendesk-events.ts";
import { createZendeskSandbox } from "../support/zendesk-sandbox.ts";

const zendesk = createZendeskSandbox();
const intercom = createIntercomSandbox();
const anthropic = createAnthropicMock();
useMswServer(...zendesk.handlers, ...intercom.handlers, ...anthropic.handlers);
beforeEach(() => {
  zendesk.reset();
  intercom.reset();
  anthropic.reset();
  anthropic.setFallback(recordedReply);
});
afterEach(() => {
  expectRequestsMatchSpec(zendesk.requests);
  expectRequestsMatchSpec(intercom.requests);
});

const ANSWER = SCENARIOS.findIndex((s) => s.name === "answer from the help center");
const CANDIDATE = "claude-opus-5";
const CANARY = JSON.stringify({ decision_model: CANDIDATE, prompt_variant: "concise" });
const base = { ANTHROPIC_API_KEY: "test-key", DESKMATE_MODE: "autosend" };

type Harness = ReturnType<typeof createHarness>;

interface Platformed {
  platform: Platform;
  account: string;
  /** Stages the answer scenario as a new ticket (the n-th), delivers it, and returns its id. */
  ask(h: Harness, n: number): Promise<string>;
}

const PLATFORMS: Platformed[] = [
  {
    platform: "zendesk",
    account: "acme",
    async ask(h, n) {
      const { ticketId, requesterId } = stageScenario(zendesk, SCENARIOS[ANSWER]!, ANSWER + n);
      expect((await h.deliver(ticketCreated({ id: ticketId, requesterId }))).status).toBe(202);
      return String(ticketId);
    },
  },
  {
    platform: "intercom",
    account: TEST_INTERCOM_APP_ID,
    async ask(h, n) {
      const { conversationId, payload } = stageIntercomScenario(intercom, SCENARIOS[ANSWER]!, ANSWER + n);
      expect((await h.deliverIntercom(payload)).status).toBe(202);
      return conversationId;
    },
  },
];

/** The model requests made since `from`: which model each asked for, and whether it had the concise rule. */
function modelCalls(from: number) {
  return anthropic.requests.slice(from).map((r) => ({
    model: r.body.model,
    concise: JSON.stringify(r.body.system ?? "").includes("# Brevity"),
  }));
}

describe.each(PLATFORMS)("the canary on $platform", (p) => {
  const rows = (h: Harness) => h.decisions(p.platform, p.account);

  it("a canary ticket decides with the candidate model and prompt, and its row says canary", async () => {
    const h = createHarness({ env: { ...base, DESKMATE_CANARY: CANARY, DESKMATE_CANARY_PERCENT: "100" } });
    await p.ask(h, 0);
    const calls = modelCalls(0);
    expect(calls.length).toBeGreaterThan(0);
    expect(calls).toEqual(calls.map(() => ({ model: CANDIDATE, concise: true })));
    const [row] = await rows(h);
    expect(row).toMatchObject({ outcome: "answer", arm: "assistant", variant: "canary", publicReply: true });

    // The same ticket shape without a canary share: the account's model and prompt, a different fingerprint.
    const current = createHarness({ env: { ...base, DESKMATE_CANARY: CANARY } });
    const before = anthropic.requests.length;
    await p.ask(current, 1);
    const currentCalls = modelCalls(before);
    expect(currentCalls.length).toBeGreaterThan(0);
    expect(currentCalls.every((c) => c.model !== CANDIDATE && !c.concise)).toBe(true);
    const [currentRow] = await rows(current);
    expect(currentRow).toMatchObject({ outcome: "answer", variant: "current" });
    expect(currentRow?.fingerprint).not.toBe(row?.fingerprint);
  });

  it("a control ticket never gets the canary, even at 100%", async () => {
    const h = createHarness({
      env: { ...base, DESKMATE_CANARY: CANARY, DESKMATE_CANARY_PERCENT: "100", DESKMATE_CONTROL_PERCENT: "100" },
    });
    await p.ask(h, 0);
    expect(modelCalls(0).every((c) => c.model !== CANDIDATE && !c.concise)).toBe(true);
    expect((await rows(h))[0]).toMatchObject({ arm: "control", variant: "current" });
  });

  it("a rolled-back canary fingerprint: the next canary ticket decides as current", async () => {
    const h = createHarness({ env: { ...base, DESKMATE_CANARY: CANARY, DESKMATE_CANARY_PERCENT: "100" } });
    await p.ask(h, 0);
    const [first] = await rows(h);
    expect(first?.variant).toBe("canary");
    await writeCanaryRollbacks(h.runtime.pipelineDeps(p.platform, p.account).store, [first!.fingerprint]);
    const before = anthropic.requests.length;
    await p.ask(h, 1);
    expect(modelCalls(before).every((c) => c.model !== CANDIDATE && !c.concise)).toBe(true);
    const second = (await rows(h)).find((r) => r.eventId !== first?.eventId);
    expect(second).toMatchObject({ outcome: "answer", variant: "current" });
    expect(second?.fingerprint).not.toBe(first?.fingerprint);
  });
});
