import { correctTypos } from "./correct-typos.ts";
import { detectAccountSecurity } from "./detect-account-security.ts";
import { detectFraud } from "./detect-fraud.ts";
import { detectHumanRequest } from "./detect-human-request.ts";
import { detectLegalThreat } from "./detect-legal-threat.ts";
import { detectSafetyThreat } from "./detect-safety-threat.ts";
import { foldForMatching } from "../lib/normalize-text.ts";
import { readSentiment } from "./read-sentiment.ts";
import type { MessageTriggers } from "../domain/triage.ts";

/**
 * Message-level detectors over one customer message (English, Spanish, French, German, Portuguese;
 * some Italian). Pure and synchronous. Rules, not a model: they must be cheap, explainable in the
 * handoff, and they decide hard escalations before any model call.
 */
export function detectTriggers(text: string): MessageTriggers {
  const normalized = foldForMatching(text);
  const corrected = correctTypos(normalized);
  return {
    human_agent: detectHumanRequest(corrected),
    legal_regulatory: detectLegalThreat(normalized),
    fraud_unauthorized: detectFraud(corrected),
    account_security: detectAccountSecurity(corrected),
    negative_sentiment: readSentiment(normalized).negative,
    safety: detectSafetyThreat(normalized),
  };
}
