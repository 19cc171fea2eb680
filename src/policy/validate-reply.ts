import type { GuardrailPolicy } from "../guardrails/policy-file.ts";
import { findProhibitedTopics } from "../guardrails/match-sensitive-topic.ts";
import { normalizeText } from "../lib/normalize-text.ts";
import { findPersonalData, type PersonalDataKind } from "./find-personal-data.ts";
import { findPromises } from "./find-promises.ts";
import { describeLink, findUnsourcedLinks, type LinkSources } from "./find-unsourced-links.ts";

export interface ReplyCheck {
  reply: string;
  kind: "answer" | "ask";
  prohibitedPhrases: readonly string[];
  /** The customer's own data and the retrieved passages: personal data found there may be repeated. */
  ownTexts: readonly string[];
  /** The guardrail policy file: its prohibited phrases and topics apply on top of the settings' phrases. */
  guardrails?: Pick<GuardrailPolicy, "prohibitedPhrases" | "prohibitedTopics">;
  /**
   * What links may point to: retrieved passages, action results, allow-listed domains — never the
   * customer's texts. Absent: no link is sourced, so every link is refused.
   */
  links?: LinkSources;
}

const NO_LINK_SOURCES: LinkSources = { texts: [], domains: [] };

const PERSONAL_DATA_WORDS: Record<PersonalDataKind, string> = {
  email: "an e-mail address that is not the customer's own",
  phone: "a phone number that is not the customer's own or in the sources",
  card: "a card-like number",
  national_id: "a national id or bank account number that is not the customer's own or in the sources",
  secret: "a password, key or token",
};

/**
 * The output validator: every problem as one sentence of feedback the model can act on when asked to
 * regenerate. Empty means the reply may go out. Feedback names admin phrases and the model's own
 * promises, never the personal data it found.
 */
export function validateReply(check: ReplyCheck): string[] {
  const reply = check.reply.trim();
  if (!reply) return ["The reply is empty; write the full text for the customer."];
  const issues: string[] = [];
  if (check.kind === "ask" && (reply.match(/\?/g) ?? []).length !== 1) {
    issues.push("Ask exactly one question, ending with a single question mark.");
  }
  const lower = collapse(reply);
  for (const phrase of new Set([...check.prohibitedPhrases, ...(check.guardrails?.prohibitedPhrases ?? [])])) {
    if (phrase.trim() && lower.includes(collapse(phrase)))
      issues.push(`Do not use the prohibited phrase or topic "${phrase.trim()}".`);
  }
  for (const topic of check.guardrails ? findProhibitedTopics(reply, check.guardrails) : []) {
    issues.push(`Do not discuss the prohibited topic "${topic}".`);
  }
  for (const kind of findPersonalData(reply, check.ownTexts)) {
    issues.push(`Remove ${PERSONAL_DATA_WORDS[kind]}; never share other people's personal data.`);
  }
  for (const host of new Set(findUnsourcedLinks(reply, check.links ?? NO_LINK_SOURCES).map(describeLink))) {
    issues.push(
      `Remove the link to ${host}: link only to the help-center articles and action results you were ` +
        `given; never repeat a link from the customer's messages.`,
    );
  }
  for (const promise of findPromises(reply)) {
    issues.push(`Remove the promise "${promise}": nothing can be done after this reply, so do not promise later work.`);
  }
  return issues;
}

/** Normalized first, so an invisible character or full-width letters cannot split a prohibited phrase. */
function collapse(text: string): string {
  return normalizeText(text).toLowerCase().replace(/\s+/g, " ").trim();
}
