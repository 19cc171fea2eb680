import type { Settings } from "../config/settings-schema.ts";
import type { SupportEvent } from "../domain/support-event.ts";
import type { TicketState } from "../domain/ticket-state.ts";
import { maskSensitiveInput } from "../guardrails/mask-sensitive-input.ts";
import { matchSensitiveTopic } from "../guardrails/match-sensitive-topic.ts";
import { defaultGuardrailPolicy, type GuardrailPolicy } from "../guardrails/policy-file.ts";
import { normalizeText } from "../lib/normalize-text.ts";
import type { Knowledge, Passage } from "../ports/knowledge.ts";
import type { Model } from "../ports/model.ts";
import { detectTriggers } from "../triage/detect-triggers.ts";
import { hardReasons } from "../triage/hard-reasons.ts";
import { searchKnowledge } from "./search-knowledge.ts";

/** A knowledge search started from the event's message text before the ticket was read. */
export interface KnowledgePrefetch {
  /**
   * Its passages when it searched what the engine would search now (the same masked query up to
   * white space, the same passage limit and requester locale); else null, and the engine searches.
   */
  take(query: string, limit: number, locale: string | null): Promise<Passage[]> | null;
}

/** Starts a prefetch for an event, or gives null when there is nothing worth searching for. */
export type PrefetchKnowledge = (
  event: SupportEvent,
  settings: Settings,
  state: Pick<TicketState, "humanOwned" | "awaitingHumanSince" | "paused">,
) => KnowledgePrefetch | null;

export interface PrefetchKnowledgeDeps {
  knowledge: Knowledge | null;
  model: Model | null;
  guardrails?: GuardrailPolicy | ((settings: Settings) => GuardrailPolicy);
}

/**
 * The knowledge search of an answer waits for nothing but the customer's message, so when the webhook
 * carried its text (`event.messageExcerpt`) the search starts beside the context read instead of after
 * it: one sequential helpdesk wave less. The engine keeps it only when the message it decides on has
 * that same text; otherwise (another message was selected, the locale differs) it searches as before.
 *
 * No search starts when the engine would not search either: no knowledge or no model, a closed ticket,
 * a ticket the stored state already gives to a person (human-owned, escalated and waiting, paused), or
 * a text whose own triggers or sensitive topic decide the outcome without retrieval (a request for a
 * person, a legal threat...). A history-based escalation (VIP, negative streak) is only known after the
 * read: its prefetch is one read spent for nothing.
 *
 * The requester's locale is only known after the read too, so the search guesses the locale the last
 * search of this account used (one prefetcher per account and isolate); the first guess is none. An
 * account whose customers share one locale therefore hits from its second message on.
 */
export function knowledgePrefetcher(deps: PrefetchKnowledgeDeps): PrefetchKnowledge {
  let lastLocale: string | null = null;
  return (event, settings, state) => {
    const text = event.messageExcerpt;
    const knowledge = deps.knowledge;
    if (text === undefined || knowledge === null || deps.model === null || settings.mode === "off") return null;
    if (state.humanOwned || state.awaitingHumanSince !== undefined || state.paused) return null;
    if (event.ticketStatus === "closed") return null; // a closed Zendesk ticket is never answered
    if (hardReasons(detectTriggers(normalizeText(text)), settings).length) return null;
    const guardrails =
      typeof deps.guardrails === "function" ? deps.guardrails(settings) : (deps.guardrails ?? defaultGuardrailPolicy);
    if (matchSensitiveTopic(text, guardrails)) return null;

    const query = maskSensitiveInput(text);
    const limit = settings.knowledgeMaxPassages;
    const locale = lastLocale;
    // A knowledge search never throws (the port's contract); a broken one still must not reject unawaited.
    const passages = searchKnowledge(knowledge, query, limit, locale).catch((): Passage[] => []);
    return {
      take(wanted, wantedLimit, wantedLocale) {
        lastLocale = wantedLocale;
        const same = sameQuery(query, wanted) && limit === wantedLimit && locale === wantedLocale;
        return same ? passages : null;
      },
    };
  };
}

/**
 * The webhook's text and the API's text of one message differ at most in white space (Intercom sends
 * plain text in webhooks and renders paragraphs as blank lines over the API), which neither the help
 * center's search nor the passage ranking sees.
 */
function sameQuery(a: string, b: string): boolean {
  const flat = (text: string) => normalizeText(text).replace(/\s+/g, " ").trim();
  return flat(a) === flat(b);
}
