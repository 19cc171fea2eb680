import { publicConversation } from "../agent/public-conversation.ts";
import type { Model, ModelInput, ModelResult } from "../ports/model.ts";
import type { ModelOutput } from "../ports/model-output.ts";
import { maskSensitiveInput } from "../guardrails/mask-sensitive-input.ts";
import { matchSensitiveTopic } from "../guardrails/match-sensitive-topic.ts";
import { defaultGuardrailPolicy, type GuardrailPolicy } from "../guardrails/policy-file.ts";
import { outcomeTags } from "../handoff/outcome-tags.ts";
import type { Knowledge, Passage } from "../ports/knowledge.ts";
import { withFreshness } from "../knowledge/passage-freshness.ts";
import type { Logger } from "../lib/logger.ts";
import { applyPolicy, type PolicyDecision } from "../policy/apply-policy.ts";
import type { StateStore } from "../state/state-store.ts";
import type { TriageResult } from "../domain/triage.ts";
import { withKnowledgeGapTag } from "./with-knowledge-gap-tag.ts";
import { decisionTrace, type DecisionTrace } from "./decision-trace.ts";
import type { Settings } from "../config/settings-schema.ts";
import type { Decider, DecisionInput } from "./decider.ts";
import { messageActions, type SupportActionsDeps } from "./support-actions.ts";
import { escalate } from "./escalation-plan.ts";
import { actPlan } from "./act-plan.ts";
import { planForDecision } from "./plan-for-decision.ts";
import { customerReply, givesDataNotice } from "./customer-reply.ts";
import { requesterLocale, searchKnowledge } from "./search-knowledge.ts";
import { triageMessage } from "./triage-message.ts";
import type { Plan } from "../domain/plan.ts";
import type { ReasonCode } from "../domain/reasons.ts";
import { withHandoffAttachments } from "./message-attachments.ts";
import { isVip } from "../triage/is-vip.ts";
import { chooseModel, smallModelUnsure } from "./choose-model.ts";

export interface EngineDeps {
  /** null when no API key is configured: every message then escalates with `model_error`. */
  model: Model | null;
  knowledge: Knowledge | null;
  logger: Logger;
  now?: () => Date;
  /** Counts knowledge gaps (`knowledge_gap:<category>`) for admins; absent in tests that do not care. */
  store?: Pick<StateStore, "incrementCounter"> | null;
  /** The guardrail policy for these settings (bundled policy + the account's override); default: the bundled policy. */
  guardrails?: GuardrailPolicy | ((settings: Settings) => GuardrailPolicy);
  /** The action catalog (bundled + the account's override) and the backend; null/absent: no actions are offered. */
  actions?: SupportActionsDeps | ((settings: Settings) => SupportActionsDeps | null) | null;
}

/**
 * The decision engine for one customer message, top to bottom: deterministic triage (any triage
 * reason escalates without asking the model what to do), the guardrail policy's sensitive topics,
 * knowledge retrieval, one model proposal, pure policy (which may ask the model once to regenerate a
 * reply that broke a rule), the action runner for a proposed action, and last the knowledge-gap tag
 * when retrieval found nothing. Every failure path escalates with a complete handoff built from what
 * is known; an escalation returns the handoff as data (the caller renders the note).
 */
export function createEngineDecider(deps: EngineDeps): Decider {
  return async (input) => {
    // Every call of this decision goes through the trace, so the plan carries its tokens and sources.
    const trace = decisionTrace();
    const decided = await decideOnce({ ...deps, model: deps.model ? trace.meter(deps.model) : null }, input, trace);
    const plan = withHandoffAttachments(decided, input.attachments?.handoff());
    return { ...plan, facts: trace.facts(plan) };
  };
}

async function decideOnce(deps: EngineDeps, input: DecisionInput, trace: DecisionTrace): Promise<Plan> {
  const { context, customerComment, settings, assistant } = input;
  const guardrails =
    typeof deps.guardrails === "function" ? deps.guardrails(settings) : (deps.guardrails ?? defaultGuardrailPolicy);
  const actions = typeof deps.actions === "function" ? deps.actions(settings) : (deps.actions ?? null);
  const triage = triageMessage(input, deps.now?.() ?? new Date());
  trace.triage(triage.intentCategory);
  const base: Omit<ModelInput, "purpose" | "passages"> = {
    context,
    conversation: publicConversation(context, assistant.id),
    message: customerComment.body,
    triage,
    ...(input.variant === "canary"
      ? {
          configuration: {
            decisionModel: settings.decisionModel,
            handoffModel: settings.handoffModel,
            promptVariant: settings.promptVariant,
          },
        }
      : {}),
  };

  // A canary decides on the models its block names (base.configuration): it is not routed.
  const routed = input.variant !== "canary";
  const vip = isVip(context, settings);
  const route = (purpose: ModelInput["purpose"]) =>
    chooseModel({ purpose, category: triage.intentCategory, vip }, settings);
  if (triage.reasons.length) {
    // The decision is already made; the model may only enrich the handoff, and may fail.
    const on = routed ? { model: route("handoff").model } : {};
    const enriched = deps.model ? await deps.model.propose({ ...base, ...on, purpose: "handoff", passages: [] }) : null;
    return escalate(input, triage, [...triage.reasons], {
      output: enriched?.ok ? enriched.output : null,
      passages: [],
      modelCalls: enriched ? 1 : 0,
    });
  }
  const sensitive = matchSensitiveTopic(customerComment.body, guardrails);
  if (sensitive?.action === "escalate") {
    return escalate(input, triage, ["sensitive_topic"], {
      output: null,
      passages: [],
      modelCalls: 0,
      facts: [`Sensitive topic (policy): ${sensitive.topic}.`],
    });
  }
  if (sensitive?.action === "refuse") return refusal(input, sensitive.message);
  if (!deps.model) {
    deps.logger.warn("no model configured (ANTHROPIC_API_KEY unset): escalating", { ticket_id: context.ticket.id });
    return escalate(input, triage, ["model_error"], { output: null, passages: [], modelCalls: 0 });
  }
  const model = deps.model;
  // The screenshots download while the help center is searched; only the decision call waits for them.
  const reading = input.attachments?.images();

  const query = maskSensitiveInput(customerComment.body);
  const found = deps.knowledge ? await searchOnce(deps.knowledge, deps.logger, input, query) : [];
  const passages = withFreshness(found, {
    now: deps.now?.() ?? new Date(),
    staleAfterDays: settings.staleAfterDays,
    volatileTopics: settings.volatileTopics,
  });
  trace.passages(passages);
  const acts = actions ? messageActions(actions, context, triage.intentCategory) : null;
  const offered = acts ? { actions: acts.modelActions } : {};
  const images = (await reading) ?? [];
  const seen = images.length ? { images } : {};
  const choice = route("decide");
  let on = routed ? { model: choice.model } : {};
  const ask = (retryFeedback?: string) => {
    const feedback = retryFeedback === undefined ? {} : { retryFeedback };
    return model.propose({ ...base, ...offered, ...seen, ...on, purpose: "decide", passages, ...feedback });
  };
  let proposal = await ask();
  let calls = 1;
  // A routine message the small model is unsure of goes to the decision model, which also answers any regeneration.
  if (routed && choice.small && proposal.ok && smallModelUnsure(proposal.output, settings)) {
    deps.logger.info("small model unsure: the decision model decides", {
      ticket_id: context.ticket.id,
      category: proposal.output.intent_category,
      confidence: proposal.output.classification_confidence,
    });
    on = { model: settings.decisionModel };
    proposal = await ask();
    calls = 2;
  }
  // Nothing usable was found: count the gap per category and tag the ticket, so admins see what to write next.
  const gap = deps.knowledge !== null && passages.length === 0;
  if (gap) {
    trace.knowledgeGap();
    await countKnowledgeGap(deps, proposal.ok ? proposal.output.intent_category : triage.intentCategory);
  }
  const logger = deps.logger;
  const imagesRead = images.length > 0;
  const plan = await planFromProposal({
    ...{ input, triage, proposal, calls, passages, acts, guardrails, ask, logger, imagesRead },
  });
  return gap ? withKnowledgeGapTag(plan, settings.tagPrefix) : plan;
}

/**
 * The model's proposal through policy: a failed call escalates; a reply that broke a rule is asked for
 * once more (with the validator's feedback); a proposed action goes to the action runner; anything
 * else becomes the answer, question or escalation plan.
 */
async function planFromProposal(args: {
  input: DecisionInput;
  triage: TriageResult;
  proposal: ModelResult;
  /** Model calls the proposal took (2 when the small model was unsure and the decision model decided again). */
  calls: number;
  passages: Passage[];
  acts: ReturnType<typeof messageActions> | null;
  guardrails: GuardrailPolicy;
  ask: (retryFeedback: string) => Promise<ModelResult>;
  logger: Logger;
  /** Images went with the call: the facts the model read from them may be repeated back (never as policy). */
  imagesRead: boolean;
}): Promise<Plan> {
  const { input, triage, passages, acts, guardrails, logger, imagesRead } = args;
  let result = args.proposal;
  let calls = args.calls;
  if (!result.ok) return modelFailed(input, triage, result, passages, calls, logger);
  const sources = () => [...passages, ...(acts?.toolPassages() ?? [])];
  const actionsEnabled = acts !== null;
  const checks = { guardrails, actionsEnabled, imagesRead };
  let decision = policy(input, result.output, sources(), { regenerated: false, ...checks });
  if (decision.kind === "regenerate") {
    calls += 1;
    result = await args.ask(decision.feedback);
    if (!result.ok) return modelFailed(input, triage, result, passages, calls, logger);
    decision = policy(input, result.output, sources(), { regenerated: true, ...checks });
  }
  const readAccountData = (acts?.accountReads() ?? 0) > 0;
  const plan =
    decision.kind === "act" && acts
      ? await actPlan({
          ...{ input, triage, output: result.output, passages, modelCalls: calls, acts },
          ...{ reply: decision.reply, proposed: decision.action },
        })
      : planForDecision(input, triage, decision, result.output, sources(), calls, readAccountData);
  // The replies that went through customerReply carry the notice; an escalation keeps its own message.
  return plan.outcome !== "escalate" && givesDataNotice(input, readAccountData) ? { ...plan, dataNotice: true } : plan;
}

function policy(
  input: DecisionInput,
  output: ModelOutput,
  passages: Passage[],
  options: { regenerated: boolean; guardrails: GuardrailPolicy; actionsEnabled: boolean; imagesRead: boolean },
): PolicyDecision {
  return applyPolicy({
    ...options,
    output,
    passages,
    context: input.context,
    state: input.state,
    settings: input.settings,
    customerMessage: input.customerComment.body,
  });
}

/**
 * A sensitive topic the policy refuses: the policy's set message goes out like an answer (outcome
 * "answer", so the mode gate treats it as any reply: a draft in draft mode), with reason
 * `sensitive_topic_refused` so it is countable and distinguishable from a model answer. No model call.
 */
function refusal(input: DecisionInput, message: string): Plan {
  const reasons: ReasonCode[] = ["sensitive_topic_refused"];
  return {
    outcome: "answer",
    reasons,
    customerMessage: customerReply(message, input),
    addTags: outcomeTags({ outcome: "answer", reasons }, input.settings.tagPrefix),
    removeTags: [],
    modelCalls: 0,
  };
}

function modelFailed(
  input: DecisionInput,
  triage: TriageResult,
  result: Extract<ModelResult, { ok: false }>,
  passages: Passage[],
  modelCalls: number,
  logger: Logger,
): Plan {
  logger.warn("model call failed: escalating", { ticket_id: input.context.ticket.id, failure: result.failure });
  return escalate(input, triage, ["model_error"], {
    output: null,
    passages,
    modelCalls,
    facts: [`The assistant's model call failed (${result.failure}); this note was built from the ticket alone.`],
  });
}

/** The prefetched search when it searched for this very query, limit and locale; else the search now. */
function searchOnce(knowledge: Knowledge, logger: Logger, input: DecisionInput, query: string): Promise<Passage[]> {
  const limit = input.settings.knowledgeMaxPassages;
  const locale = requesterLocale(input.context);
  const prefetched = input.knowledgePrefetch?.take(query, limit, locale) ?? null;
  if (input.knowledgePrefetch) {
    logger.info("knowledge prefetch", {
      ticket_id: input.context.ticket.id,
      prefetch: prefetched ? "used" : "searched_again",
    });
  }
  return prefetched ?? searchKnowledge(knowledge, query, limit, locale);
}

/** Questions retrieval found nothing for, per category: what the help center should cover next. */
async function countKnowledgeGap(deps: EngineDeps, category: string | null): Promise<void> {
  if (!deps.store) return;
  await deps.store.incrementCounter(`knowledge_gap:${category ?? "unknown"}`).catch((error: unknown) => {
    deps.logger.warn("knowledge gap counter failed", { error });
  });
}
