import { describe, expect, it } from "vitest";
import type { Model, ModelInput } from "../../src/ports/model.ts";
import type { Settings } from "../../src/config/settings-schema.ts";
import type { Knowledge, Passage } from "../../src/ports/knowledge.ts";
import { createMemoryLogger } from "../../src/lib/logger.ts";
import { createEngineDecider } from "../../src/pipeline/decide-message.ts";
import type { DecisionInput } from "../../src/pipeline/decider.ts";
import { gatePlan } from "../../src/pipeline/gate-plan.ts";
import { MemoryKvStore } from "../../src/state/memory-kv-store.ts";
import { StateStore } from "../../src/state/state-store.ts";
import { modelOutput, refundPassage, settingsWith, decisionInput } from "./policy-fixtures.ts";

const NOW = new Date("2026-11-23T12:00:00Z");
const MESSAGE = "How long do refunds take for order 4411?";

function run(passages: Passage[], settings: Settings, output = modelOutput()) {
  const seen: ModelInput[] = [];
  const model: Model = {
    propose: async (input) => {
      seen.push(input);
      return { ok: true, output };
    },
  };
  const knowledge: Knowledge = { search: async () => passages };
  const store = new StateStore(new MemoryKvStore(), { platform: "zendesk", account: "acme" });
  const decide = createEngineDecider({ model, knowledge, logger: createMemoryLogger().logger, now: () => NOW, store });
  const input: DecisionInput = decisionInput(MESSAGE, settings, NOW.toISOString());
  return { plan: decide(input), seen, store };
}

const old = { ...refundPassage, updatedAt: "2026-01-01T00:00:00Z" };

describe("decision engine: stale knowledge", () => {
  it("passages reach the model with their age and stale flag", async () => {
    const { plan, seen } = run([old], settingsWith({ mode: "autosend" }));
    await plan;
    expect(seen[0]?.passages[0]).toMatchObject({ id: refundPassage.id, ageDays: 326, stale: true });
  });

  it("an answer resting only on stale passages escalates with stale_knowledge (default)", async () => {
    const { plan } = run([old], settingsWith({ mode: "autosend" }));
    expect(await plan).toMatchObject({ outcome: "escalate", reasons: ["stale_knowledge"] });
  });

  it('with stale_knowledge_action "draft", the answer is kept but never sent publicly, even in autosend', async () => {
    const settings = settingsWith({ mode: "autosend", staleKnowledgeAction: "draft" });
    const plan = await run([old], settings).plan;
    expect(plan).toMatchObject({ outcome: "answer", forceDraft: true });
    const writes = gatePlan({ plan, settings, ticketId: "101", humanOwned: false });
    expect(writes.publicReply).toBeUndefined();
    expect(writes.internalNote?.htmlBody).toContain("suggested reply");
    expect(writes.addTags).toContain("deskmate_draft");
  });

  it("a current source answers normally and is sent in autosend", async () => {
    const settings = settingsWith({ mode: "autosend" });
    const plan = await run([{ ...refundPassage, updatedAt: "2026-11-01T00:00:00Z" }], settings).plan;
    expect(plan).toMatchObject({ outcome: "answer", reasons: [] });
    expect(plan.forceDraft).toBeUndefined();
    expect(gatePlan({ plan, settings, ticketId: "101", humanOwned: false }).publicReply?.body).toContain(
      refundPassage.url,
    );
  });
});

describe("decision engine: knowledge gaps", () => {
  // StateStore counters are dated by the real clock, not the engine's `now`.
  const gapCount = async (store: StateStore, category: string) =>
    store.kv.get(store.key("count", new Date().toISOString().slice(0, 10), `knowledge_gap:${category}`));

  it("retrieval finding nothing counts a gap for the model's category", async () => {
    const { plan, store } = run([], settingsWith(), modelOutput({ intent_category: "billing" }));
    expect((await plan).addTags).toContain("deskmate_knowledge_gap");
    expect(await gapCount(store, "billing")).toBe("1");
  });

  it("no gap is counted when passages were found", async () => {
    const { plan, store } = run([refundPassage], settingsWith());
    expect((await plan).addTags).not.toContain("deskmate_knowledge_gap");
    expect(await gapCount(store, "refund")).toBeNull();
  });
});
