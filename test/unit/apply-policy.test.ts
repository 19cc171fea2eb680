import { describe, expect, it } from "vitest";
import type { PolicyReason } from "../../src/domain/reasons.ts";
import type { ModelOutput } from "../../src/ports/model-output.ts";
import type { Settings } from "../../src/config/settings-schema.ts";
import type { Passage } from "../../src/ports/knowledge.ts";
import { applyPolicy, type PolicyDecision } from "../../src/policy/apply-policy.ts";
import { emptyTicketState, type TicketState } from "../../src/domain/ticket-state.ts";
import { modelOutput, refundPassage, settingsWith, shippingPassage, ticketContext } from "./policy-fixtures.ts";

interface Row {
  rule: string;
  output?: Partial<ModelOutput>;
  settings?: Partial<Settings>;
  state?: Partial<TicketState>;
  passages?: Passage[];
  regenerated?: boolean;
  expected: PolicyDecision | { kind: "regenerate"; mentions: string[]; mustNotMention?: string[] };
}

const answer = (reply: string, cited = [refundPassage.id]) => ({ reply, cited_source_ids: cited });
const ask = (reply: string) => ({ outcome: "ask" as const, reply, cited_source_ids: [] });
const escalated = (reason: PolicyReason) => ({ kind: "escalate" as const, reasons: [reason] });

const rows: Row[] = [
  // a. the model escalates
  {
    rule: "a: model escalates → needs_human_judgment",
    output: { outcome: "escalate", reply: null },
    expected: escalated("needs_human_judgment"),
  },
  {
    rule: "a: model escalates on a category that is not enabled → out_of_scope",
    output: { outcome: "escalate", reply: null },
    settings: { enabledCategories: ["billing"] },
    expected: escalated("out_of_scope"),
  },
  // b. confidence
  {
    rule: "b: classification confidence under its threshold",
    output: { classification_confidence: 0.69 },
    expected: escalated("low_confidence"),
  },
  {
    rule: "b: answer confidence under the default answer threshold",
    output: { answer_confidence: 0.74 },
    expected: escalated("low_confidence"),
  },
  {
    rule: "b: answer confidence under the per-intent threshold (refund needs 0.9)",
    output: { answer_confidence: 0.85 },
    settings: { intentThresholds: { refund: 0.9 } },
    expected: escalated("low_confidence"),
  },
  {
    rule: "b: the same confidence passes where no per-intent threshold is set",
    output: { answer_confidence: 0.85 },
    settings: { intentThresholds: { billing: 0.9 } },
    expected: {
      kind: "answer",
      reply: "Refunds go back to your original payment method within 30 days.",
      sourceIds: [refundPassage.id],
    },
  },
  {
    rule: "b: an ask under the answer threshold",
    output: { ...ask("What is your order number?"), answer_confidence: 0.5 },
    expected: escalated("low_confidence"),
  },
  // c. category enablement
  {
    rule: "c: category not enabled → out_of_scope",
    settings: { enabledCategories: ["billing", "order_shipping"] },
    expected: escalated("out_of_scope"),
  },
  // d. act
  {
    rule: "d: act → escalate with the proposed action (actions are not executed yet)",
    output: {
      outcome: "act",
      reply: "I resent the e-mail.",
      action: { name: "resend_verification_email", parameters: { user: "1001" } },
    },
    expected: {
      kind: "escalate",
      reasons: ["needs_human_judgment"],
      proposedAction: { name: "resend_verification_email", parameters: { user: "1001" } },
    },
  },
  // e. ask once
  {
    rule: "e: first ask goes out",
    output: ask("Could you share the order number you returned?"),
    expected: { kind: "ask", reply: "Could you share the order number you returned?" },
  },
  {
    rule: "e: second ask (counted in state) escalates",
    output: ask("Which item was it?"),
    state: { asked: 1 },
    expected: escalated("needs_human_judgment"),
  },
  {
    rule: "e: second ask (seen in the outcome history) escalates",
    output: ask("Which item was it?"),
    state: { history: [{ at: "2026-11-20T09:00:00Z", eventId: "e1", outcome: "ask", reasons: [] }] },
    expected: escalated("needs_human_judgment"),
  },
  {
    rule: "e: two questions in one ask → regenerate",
    output: ask("What is your order number? And when did you send it back?"),
    expected: { kind: "regenerate", mentions: ["exactly one question"] },
  },
  { rule: "e: an empty ask → regenerate", output: ask("  "), expected: { kind: "regenerate", mentions: ["empty"] } },
  // f. grounding
  {
    rule: "f: answer without a citation",
    output: answer("Refunds take 30 days.", []),
    expected: escalated("no_grounding"),
  },
  {
    rule: "f: answer citing a source that was not retrieved",
    output: answer("Refunds take 30 days.", [refundPassage.id, "zd-article:999"]),
    expected: escalated("no_grounding"),
  },
  {
    rule: "f: answer with an ungrounded price",
    output: answer("A restocking fee of $30 applies."),
    expected: escalated("no_grounding"),
  },
  {
    rule: "f: grounded price, duration, date and URL pass after normalization",
    output: answer(
      "A restocking fee of $25 applies and refunds arrive within 30 days. " +
        "Returns after December 1, 2026 are not eligible. Details: " +
        "https://help.example.com/hc/en-us/articles/360001-Refund-policy.",
    ),
    expected: {
      kind: "answer",
      reply:
        "A restocking fee of $25 applies and refunds arrive within 30 days. " +
        "Returns after December 1, 2026 are not eligible. Details: " +
        "https://help.example.com/hc/en-us/articles/360001-Refund-policy.",
      sourceIds: [refundPassage.id],
    },
  },
  {
    rule: "f: ungrounded percentage",
    output: answer("You get 10% back within 30 days."),
    expected: escalated("no_grounding"),
  },
  {
    rule: "f: ungrounded date",
    output: answer("Returns after 2026-12-15 are not eligible."),
    expected: escalated("no_grounding"),
  },
  {
    rule: "f: ungrounded URL",
    output: answer("See https://help.example.com/hc/en-us/articles/999."),
    expected: escalated("no_grounding"),
  },
  {
    rule: "f: numbers from a retrieved but uncited passage do not count",
    output: answer("Shipping takes 3-5 business days."),
    passages: [refundPassage, shippingPassage],
    expected: escalated("no_grounding"),
  },
  {
    rule: "f: the customer's own data grounds numbers (their order, ticket ids)",
    output: answer("Your refund for order 4411 (ticket #101) arrives within 30 days."),
    expected: {
      kind: "answer",
      reply: "Your refund for order 4411 (ticket #101) arrives within 30 days.",
      sourceIds: [refundPassage.id],
    },
  },
  {
    rule: "f: an internal note is not grounding",
    output: answer("We approved a $40 credit within 30 days."),
    expected: escalated("no_grounding"),
  },
  // g. output validator
  {
    rule: "g: prohibited phrase → regenerate with the phrase named",
    output: answer("As a gesture of goodwill, refunds arrive within 30 days."),
    settings: { prohibitedPhrases: ["Gesture of Goodwill"] },
    expected: { kind: "regenerate", mentions: ['prohibited phrase or topic "Gesture of Goodwill"'] },
  },
  {
    rule: "g: prohibited phrase again after the regeneration → escalate policy_violation",
    output: answer("As a gesture of goodwill, refunds arrive within 30 days."),
    settings: { prohibitedPhrases: ["gesture of goodwill"] },
    regenerated: true,
    expected: escalated("policy_violation"),
  },
  {
    rule: "g: another customer's e-mail → regenerate (feedback does not repeat it)",
    output: answer("Refunds arrive within 30 days; I've noted that sam.jones@example.net had the same issue."),
    expected: {
      kind: "regenerate",
      mentions: ["e-mail address that is not the customer's own"],
      mustNotMention: ["sam.jones"],
    },
  },
  {
    rule: "g: the requester's own e-mail passes",
    output: answer("Refunds arrive within 30 days; the confirmation goes to dana@example.org."),
    expected: {
      kind: "answer",
      reply: "Refunds arrive within 30 days; the confirmation goes to dana@example.org.",
      sourceIds: [refundPassage.id],
    },
  },
  {
    rule: "g: a phone number that is nobody's known number → regenerate",
    output: answer("Refunds arrive within 30 days. Questions? Call Maria at 415-555-0199."),
    expected: { kind: "regenerate", mentions: ["phone number"] },
  },
  {
    rule: "g: a phone number from the cited article passes",
    output: answer("Refunds arrive within 30 days. The billing desk is at 1-800-555-0100."),
    expected: {
      kind: "answer",
      reply: "Refunds arrive within 30 days. The billing desk is at 1-800-555-0100.",
      sourceIds: [refundPassage.id],
    },
  },
  {
    rule: "g: a full card number is blocked even when the customer wrote it",
    output: answer("Refunds go to card 4111 1111 1111 1111 within 30 days."),
    expected: { kind: "regenerate", mentions: ["card-like number"] },
  },
  {
    rule: "g: a promise to e-mail later → regenerate",
    output: answer("Refunds arrive within 30 days. I'll email you tomorrow with the exact date."),
    expected: { kind: "regenerate", mentions: ["I'll email"] },
  },
  {
    rule: "g: a promise to check and get back → regenerate",
    output: answer("Refunds arrive within 30 days. I'll check with the team and get back to you."),
    expected: { kind: "regenerate", mentions: ["I'll check", "get back to you"] },
  },
  {
    rule: "g: 'we will call you' in an ask → regenerate",
    output: ask("What is your order number? We will call you to confirm."),
    expected: { kind: "regenerate", mentions: ["We will call"] },
  },
  {
    rule: "g: policy stated in the future tense is not a promise of later work",
    output: answer("Once your return arrives, we'll refund the full amount within 30 days."),
    expected: {
      kind: "answer",
      reply: "Once your return arrives, we'll refund the full amount within 30 days.",
      sourceIds: [refundPassage.id],
    },
  },
  {
    rule: "g: a promise after the regeneration → escalate policy_violation",
    output: answer("Refunds arrive within 30 days. I will follow up once it is processed."),
    regenerated: true,
    expected: escalated("policy_violation"),
  },
];

describe("applyPolicy: one row per rule", () => {
  it.each(rows)("$rule", (row) => {
    const decision = applyPolicy({
      output: modelOutput(row.output),
      passages: row.passages ?? [refundPassage],
      context: ticketContext(),
      state: { ...emptyTicketState(), ...row.state },
      settings: settingsWith(row.settings),
      customerMessage: "How long do refunds take for order 4411? My card is 4111 1111 1111 1111.",
      regenerated: row.regenerated ?? false,
    });
    if ("mentions" in row.expected) {
      expect(decision.kind).toBe("regenerate");
      const feedback = decision.kind === "regenerate" ? decision.feedback : "";
      for (const text of row.expected.mentions) expect(feedback).toContain(text);
      for (const text of row.expected.mustNotMention ?? []) expect(feedback).not.toContain(text);
    } else {
      expect(decision).toEqual(row.expected);
    }
  });
});
