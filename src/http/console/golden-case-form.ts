import { html } from "hono/html";
import type { DecisionRecord } from "../../domain/ledger.ts";
import { GOLDEN_OUTCOMES } from "../admin/golden-case-body.ts";
import type { Html } from "./console-layout.ts";
import { CSRF_FIELD } from "./csrf-token.ts";

/** Where the review queue's "Add to the golden set" form posts (the console's side of POST /admin/golden-cases). */
export const GOLDEN_CASE_FORM_PATH = "/admin/golden-set";

const OUTCOME_LABEL = { answer: "Answer", ask: "Ask one question", act: "Act", escalate: "Escalate" } as const;

/**
 * The form on a review queue card that adds its decision to the drift check's golden set, with the
 * outcome it should have reached (preselected: what Deskmate decided, the usual case for a right call).
 * Skips and rows without an excerpt have no text to replay, so they get no form.
 */
export function goldenCaseForm(d: DecisionRecord, csrf: string, filters: string, id: string): Html {
  if (d.outcome === "skip" || !d.messageExcerpt) return html``;
  const decided = d.outcome;
  const action = `${GOLDEN_CASE_FORM_PATH}?${filters}`;
  return html`<form method="post" action="${action}" aria-label="Golden set: ticket ${d.ticketId}">
<input type="hidden" name="${CSRF_FIELD}" value="${csrf}">
<input type="hidden" name="event_id" value="${d.eventId}">
<input type="hidden" name="platform" value="${d.platform}">
<input type="hidden" name="account" value="${d.account}">
<fieldset><legend>Drift check</legend>
<label for="${id}-expected">Expected outcome</label>
<select id="${id}-expected" name="expected_outcome">
${GOLDEN_OUTCOMES.map(
  (o) => html`<option value="${o}"${o === decided ? " selected" : ""}>${OUTCOME_LABEL[o]}</option>`,
)}
</select>
<button type="submit">Add to the golden set</button>
</fieldset>
</form>`;
}
