import type { ModelOutput } from "../ports/model-output.ts";
import type { Settings } from "../config/settings-schema.ts";
import type { GuardrailPolicy } from "../guardrails/policy-file.ts";
import type { TicketContext } from "../domain/ticket.ts";
import type { Passage } from "../ports/knowledge.ts";
import type { TicketState } from "../domain/ticket-state.ts";
import type { PolicyReason } from "../domain/reasons.ts";
import { customerOwnTexts, customerWrittenTexts, imageFactTexts } from "./customer-own-texts.ts";
import { findUngroundedClaims } from "./find-ungrounded-claims.ts";
import { findUnsourcedLinks } from "./find-unsourced-links.ts";
import { groundingCorpus } from "./grounding-corpus.ts";
import { validateReply } from "./validate-reply.ts";

export interface PolicyInput {
  output: ModelOutput;
  /** The passages retrieved for this message (what the model was shown). */
  passages: Passage[];
  context: TicketContext;
  state: TicketState;
  settings: Settings;
  /** The customer message being handled. */
  customerMessage: string;
  /** True when `output` is already the one regeneration the validator allows. */
  regenerated: boolean;
  /** The guardrail policy file (prohibited phrases and topics for the validator); absent: settings only. */
  guardrails?: GuardrailPolicy;
  /** An action catalog is configured: `act` proposals go on to authorization instead of a human. */
  actionsEnabled?: boolean;
  /** Images went with the model call: its `image_facts` count as the customer's own words (imageFactTexts). */
  imagesRead?: boolean;
}

export interface ProposedAction {
  name: string;
  parameters: Record<string, unknown>;
}

export type PolicyDecision =
  | { kind: "answer"; reply: string; sourceIds: string[] }
  | { kind: "ask"; reply: string }
  | { kind: "escalate"; reasons: PolicyReason[]; proposedAction?: ProposedAction }
  | { kind: "act"; reply: string; action: ProposedAction }
  | { kind: "regenerate"; feedback: string };

/**
 * The model proposes, this decides. Rules run in a fixed order and the first that fires wins:
 * a. the model escalates → `needs_human_judgment` (`out_of_scope` when the category is not enabled);
 * b. classification or answer confidence under its threshold → `low_confidence`;
 * c. category not enabled → `out_of_scope`;
 * d. act → `needs_human_judgment` with the proposed action when no action catalog is configured;
 *    otherwise the reply is validated like an answer and the action goes on to authorization
 *    (src/actions/authorize-action.ts), which decides whether it runs;
 * e. a second ask on the ticket → `needs_human_judgment`;
 * f. an answer must cite only retrieved passages, at least one, and every date, percentage and number
 *    in it must appear in those passages or the customer's own data, every URL in those passages or
 *    under an allow-listed domain (`link_domains`) → else `no_grounding`;
 * g. the output validator (one question per ask, prohibited phrases, other people's personal data,
 *    links that no retrieved passage, action result or allow-listed domain provides, promises of later
 *    work) → one `regenerate` with feedback, then `policy_violation`.
 * `policy_violation` is its own code rather than `needs_human_judgment` so blocked drafts are
 * countable in helpdesk reporting (tag `<prefix>reason_policy_violation`).
 */
export function applyPolicy(input: PolicyInput): PolicyDecision {
  const { output, settings } = input;
  const category = output.intent_category;
  const enabled = settings.enabledCategories.length === 0 || settings.enabledCategories.includes(category);
  const escalate = (reason: PolicyReason): PolicyDecision => ({
    kind: "escalate",
    reasons: [reason],
    ...(output.action
      ? { proposedAction: { name: output.action.name, parameters: { ...output.action.parameters } } }
      : {}),
  });

  if (output.outcome === "escalate") return escalate(enabled ? "needs_human_judgment" : "out_of_scope");
  if (output.classification_confidence < settings.classificationThreshold) return escalate("low_confidence");
  const answerThreshold = settings.intentThresholds[category] ?? settings.answerThreshold;
  if (output.outcome !== "act" && output.answer_confidence < answerThreshold) return escalate("low_confidence");
  if (!enabled) return escalate("out_of_scope");
  if (output.outcome === "act" && (!input.actionsEnabled || !output.action)) return escalate("needs_human_judgment");
  if (output.outcome === "ask" && hasAsked(input.state)) return escalate("needs_human_judgment");

  const reply = (output.reply ?? "").trim();
  // What the model read from the customer's screenshots is customer-written: it grounds their own
  // identifiers and dates, never an amount (customerWritten) or a time limit (imageFactTexts drops those).
  const imageFacts = input.imagesRead ? imageFactTexts(output.image_facts ?? []) : [];
  const ownTexts = [...customerOwnTexts(input.context, input.customerMessage), ...imageFacts];
  const sourceIds = [...new Set(output.cited_source_ids)];
  const written = new Set([...customerWrittenTexts(input.context, input.customerMessage), ...imageFacts]);
  if (
    output.outcome === "answer" &&
    !isGrounded(reply, sourceIds, input.passages, ownTexts, written, settings.linkDomains)
  )
    return escalate("no_grounding");

  const passageTexts = input.passages.flatMap((p) => [p.title, p.url, p.text]);
  const issues = validateReply({
    reply,
    kind: output.outcome === "act" ? "answer" : output.outcome,
    prohibitedPhrases: settings.prohibitedPhrases,
    ownTexts: [...ownTexts, ...passageTexts],
    // Every public reply (answer, ask, act): links come from what was retrieved or run, never the customer.
    links: { texts: passageTexts, domains: settings.linkDomains },
    ...(input.guardrails ? { guardrails: input.guardrails } : {}),
  });
  if (issues.length)
    return input.regenerated ? escalate("policy_violation") : { kind: "regenerate", feedback: issues.join(" ") };
  if (output.outcome === "act" && output.action)
    return { kind: "act", reply, action: { name: output.action.name, parameters: { ...output.action.parameters } } };
  return output.outcome === "answer" ? { kind: "answer", reply, sourceIds } : { kind: "ask", reply };
}

/** `asked` counts asks; the outcome history also covers states written before that field existed. */
function hasAsked(state: TicketState): boolean {
  return (state.asked ?? 0) > 0 || state.history.some((record) => record.outcome === "ask");
}

function isGrounded(
  reply: string,
  sourceIds: string[],
  passages: Passage[],
  ownTexts: string[],
  customerWritten: ReadonlySet<string>,
  linkDomains: readonly string[],
): boolean {
  const cited = sourceIds.map((id) => passages.find((p) => p.id === id));
  // Citing a passage that was never retrieved means the citation is invented: nothing is grounded.
  if (cited.length === 0 || cited.some((p) => p === undefined)) return false;
  const sources = cited.filter((p): p is Passage => p !== undefined);
  const sourceTexts = sources.flatMap((p) => [p.title, p.text]);
  const urls = sources.map((p) => p.url);
  const corpus = groundingCorpus([...sourceTexts, ...ownTexts], urls);
  // Amounts and percentages need a source or helpdesk data, not the customer's say-so (adversarial suite).
  const amounts = groundingCorpus([...sourceTexts, ...ownTexts.filter((t) => !customerWritten.has(t))], urls);
  // URLs are judged by the link rule against the cited passages and the allow-listed domains alone: a
  // link the customer planted in their message, name or subject must not vouch for itself (the
  // customer's data grounds their own numbers, not links).
  const ungrounded = findUngroundedClaims(reply, {
    ...corpus,
    urls: new Set(),
    money: amounts.money,
    percents: amounts.percents,
  });
  const citedLinks = { texts: [...sourceTexts, ...urls], domains: linkDomains };
  return ungrounded.every((claim) => claim.kind === "url" && findUnsourcedLinks(claim.text, citedLinks).length === 0);
}
