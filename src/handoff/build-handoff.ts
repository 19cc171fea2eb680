import type { ModelOutput } from "../ports/model-output.ts";
import { maskSensitiveInput } from "../guardrails/mask-sensitive-input.ts";
import type { Comment, TicketContext } from "../domain/ticket.ts";
import type { Passage } from "../ports/knowledge.ts";
import { normalizeText } from "../lib/normalize-text.ts";
import type { ProposedAction } from "../policy/apply-policy.ts";
import { priorityForUrgency } from "../policy/priority-for-urgency.ts";
import type { TriageResult } from "../domain/triage.ts";
import { buildContextHandoff } from "./build-context-handoff.ts";
import type { Handoff } from "../domain/handoff.ts";
import { suggestedNextStep } from "./suggested-next-step.ts";

export interface HandoffInput {
  context: TicketContext;
  customerComment: Comment;
  reasons: string[];
  ticketUrl: (ticketId: string) => string;
  /** The model's handoff fields; null or absent when the model failed or was not asked. */
  model?: ModelOutput["handoff"] | null;
  triage?: Pick<TriageResult, "sentimentSummary"> | null;
  /** Passages retrieved for this message (sources the assistant checked). */
  passages?: Passage[];
  actionsAttempted?: Array<{ action: string; result: string }>;
  /** An action the model proposed that was not carried out. */
  proposedAction?: ProposedAction;
  /** Deterministic facts from the caller (e.g. the disputed amount). */
  facts?: string[];
}

/**
 * The complete handoff: the context handoff (helpdesk data only) enriched with what the model, triage
 * and retrieval add. Every model field is optional, so a failed model call still yields every section.
 */
export function buildHandoff(input: HandoffInput): Handoff {
  const model = input.model ?? null;
  const base = buildContextHandoff({
    context: input.context,
    customerComment: input.customerComment,
    reasons: input.reasons,
    urgency: priorityForUrgency(model?.urgency, input.reasons),
    suggestedNextStep: suggestedNextStep(input.reasons, model?.suggested_next_step),
    ticketUrl: input.ticketUrl,
    facts: [...(model?.known_facts ?? []), ...(input.facts ?? [])],
  });
  const summary = model?.summary.trim();
  const quote = model ? customerQuote(model.customer_wants, input) : undefined;
  const proposed = input.proposedAction;
  return {
    ...base,
    // Agents read the note in the helpdesk: a pasted card number or password must not be copied there.
    customerWants: maskSensitiveInput(quote ?? base.customerWants),
    facts: unique(
      [...(summary ? [`Summary: ${summary}`] : []), ...base.facts]
        .map((f) => maskSensitiveInput(f.trim()))
        .filter(Boolean),
    ),
    sourcesChecked: uniqueBy(
      (input.passages ?? []).map((p) => ({ title: p.title, url: p.url })),
      (s) => s.url,
    ),
    actionsAttempted: [
      ...(input.actionsAttempted ?? []),
      ...(proposed ? [{ action: describeAction(proposed), result: "proposed by the assistant, not carried out" }] : []),
    ],
    sentimentTrend: input.triage?.sentimentSummary.trim() || null,
  };
}

/**
 * The model's "what the customer wants" only when it quotes the customer verbatim; a paraphrase could
 * put words in their mouth, so otherwise the customer's own message stands.
 */
function customerQuote(wants: string, input: HandoffInput): string | undefined {
  const quote = wants
    .trim()
    .replace(/^["“'‘]+|["”'’]+$/g, "")
    .trim();
  if (quote.split(/\s+/).length < 3) return undefined;
  const { ticket } = input.context;
  const said = [
    input.customerComment.body,
    ...input.context.comments.filter((c) => c.isPublic && c.authorId === ticket.requesterId).map((c) => c.body),
  ];
  return said.some((text) => comparable(text).includes(comparable(quote))) ? quote : undefined;
}

function comparable(text: string): string {
  // The model read normalized text: a zero-width character in the customer's words must not hide the quote.
  return normalizeText(text).toLowerCase().replace(/[’‘]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, " ");
}

function describeAction(action: ProposedAction): string {
  const params = Object.entries(action.parameters).map(
    ([key, value]) => `${key}: ${typeof value === "object" && value !== null ? JSON.stringify(value) : String(value)}`,
  );
  return params.length ? `${action.name} (${params.join(", ")})` : action.name;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
