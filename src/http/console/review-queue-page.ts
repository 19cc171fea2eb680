import { html } from "hono/html";
import type { DecisionRecord } from "../../domain/ledger.ts";
import { REVIEW_COMMENT_MAX_CHARS, REVIEW_VERDICTS } from "../../domain/review.ts";
import { reasonText } from "../../handoff/reason-text.ts";
import type { FieldProblem } from "../admin/validate-setting-values.ts";
import { type Html, consoleLayout } from "./console-layout.ts";
import type { ConsoleReport } from "./console-report.ts";
import { CSRF_FIELD } from "./csrf-token.ts";
import { ESCALATIONS_PATH, filterQuery } from "./escalations-page.ts";
import { formatCount, formatShare } from "./format-number.ts";
import { goldenCaseForm } from "./golden-case-form.ts";
import { filterForm } from "./overview-page.ts";
import { VERDICT_LABEL } from "./review-labels.ts";

export const REVIEW_PATH = "/admin/review";

// This page's own layout, kept here so the shared stylesheet stays as other pages need it.
const STYLE = `
article.card { margin: 1rem 0; }
article h2 { margin-top: 0; } p.customer-wrote { font-size: 1.05rem; }
article h3 { font-size: 1rem; margin: .8rem 0 .2rem; }
dl.handoff { display: grid; grid-template-columns: 13rem 1fr; gap: .2rem 1rem; margin: 0; }
dl.handoff dt { color: var(--muted); } dl.handoff dd { margin: 0; } dl.handoff ul { margin: 0; padding-left: 1.1rem; }
textarea { font: inherit; width: 100%; padding: .3rem .45rem; border: 1px solid #8c959f; border-radius: 6px; }
fieldset { border: 0; padding: 0; margin: .5rem 0 0; display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
legend { color: var(--muted); font-size: .9rem; padding: 0; margin-bottom: .2rem; }
`;

/** A verdict the ledger refused, shown on the item it was for with what was typed. */
export interface ReviewFormError {
  eventId: string;
  problems: FieldProblem[];
  comment: string;
}

export interface ReviewQueuePageOptions {
  csrf: string;
  data: ConsoleReport;
  decisions: readonly DecisionRecord[];
  limit: number;
  error?: ReviewFormError;
  /** A verdict was just recorded (the redirect after the form says so), for a status line. */
  recorded?: boolean;
}

const OUTCOME_TEXT: Record<DecisionRecord["outcome"], string> = {
  answer: "Answered",
  ask: "Asked one question",
  act: "Acted",
  escalate: "Escalated",
  skip: "Skipped",
};

function ageText(days: number | null): string {
  if (days === null) return "age unknown";
  if (days < 1) return "updated today";
  return `${formatCount(Math.floor(days))} ${Math.floor(days) === 1 ? "day" : "days"} old`;
}

function fieldError(id: string, problem: FieldProblem | undefined): Html {
  return problem ? html`<p class="field-error" role="alert" id="${id}">${problem.message}</p>` : html``;
}

function handoffBody(d: DecisionRecord): Html {
  const h = d.handoff;
  if (!h) return html`<p>No handoff (Deskmate did not escalate).</p>`;
  const list = (items: readonly string[]) =>
    items.length ? html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>` : "none";
  const customer = [h.customer.name, h.customer.organization].filter((v) => v).join(", ") || "not known";
  return html`<dl class="handoff">
<dt>What the customer wants</dt><dd>${h.customerWants}</dd>
<dt>Reasons</dt><dd>${list(h.reasons.map((r) => r.text))}</dd>
<dt>Customer</dt><dd>${customer}${h.customer.verified === true ? " (verified)" : ""}</dd>
<dt>Facts</dt><dd>${list(h.facts)}</dd>
<dt>Sources checked</dt><dd>${list(h.sourcesChecked.map((s) => s.title))}</dd>
<dt>Actions attempted</dt><dd>${list(h.actionsAttempted.map((a) => `${a.action}: ${a.result}`))}</dd>
<dt>Sentiment</dt><dd>${h.sentimentTrend ?? "not known"}</dd>
<dt>Suggested next step</dt><dd>${h.suggestedNextStep}</dd>
${h.missing.length ? html`<dt>Not checked</dt><dd>${list(h.missing)}</dd>` : ""}
</dl>`;
}

/**
 * What the customer wrote, first on the card: the masked excerpt the ledger keeps. Rows decided before
 * excerpts were kept (and skips that read no message) have none, and say so rather than look empty.
 */
function customerWrote(d: DecisionRecord): Html {
  const label = html`<strong>Customer wrote:</strong>`;
  if (d.messageExcerpt === null) {
    return html`<p class="customer-wrote" data-message-excerpt="none">${label}
<em>message not recorded (decided before excerpts were kept)</em></p>`;
  }
  if (d.messageExcerpt === "") {
    const empty = html`<em>no text (an empty message)</em>`;
    return html`<p class="customer-wrote" data-message-excerpt="empty">${label} ${empty}</p>`;
  }
  return html`<p class="customer-wrote">${label} <q data-message-excerpt>${d.messageExcerpt}</q></p>`;
}

function problemList(problems: readonly FieldProblem[]): Html {
  return html`<div role="alert"><ul>${problems.map((p) => html`<li>${p.name}: ${p.message}</li>`)}</ul></div>`;
}

function item(d: DecisionRecord, i: number, options: ReviewQueuePageOptions): Html {
  const error = options.error?.eventId === d.eventId ? options.error : undefined;
  const problem = (name: string) => error?.problems.find((p) => p.name === name);
  const other = error?.problems.filter((p) => p.name !== "verdict" && p.name !== "comment") ?? [];
  const { values } = options.data;
  const id = `review-${i}`;
  const commentProblem = problem("comment");
  const decided = d.decidedAt.slice(0, 16).replace("T", " ");
  const category = d.category?.replace(/_/g, " ") ?? "none";
  const confidence = d.confidence === null ? "none" : formatShare(d.confidence, 1);
  const why = d.reasons.length
    ? html`<ul>${d.reasons.map((r) => html`<li>${reasonText(r)}</li>`)}</ul>`
    : html`<p>No reason recorded.</p>`;
  return html`<article class="card" id="${id}" aria-labelledby="${id}-title" data-event-id="${d.eventId}">
<h2 id="${id}-title">Ticket ${d.ticketId} · ${OUTCOME_TEXT[d.outcome]} · ${decided} UTC</h2>
${customerWrote(d)}
<p>Category: ${category} · Confidence: ${confidence} · Mode: ${d.mode}</p>
<h3>Why</h3>
${why}
<h3>Sources used</h3>
${
  d.sources.length
    ? html`<ul>${d.sources.map((s) => html`<li><code>${s.id}</code>, ${ageText(s.ageDays)}</li>`)}</ul>`
    : html`<p>No sources.</p>`
}
${d.action ? html`<h3>Action</h3><p><code>${d.action.name}</code>: ${d.action.result}</p>` : ""}
<h3>Handoff</h3>
${handoffBody(d)}
<form method="post" action="${REVIEW_PATH}?${filterQuery(values)}" aria-label="Verdict on ticket ${d.ticketId}">
<input type="hidden" name="${CSRF_FIELD}" value="${options.csrf}">
<input type="hidden" name="event_id" value="${d.eventId}">
<input type="hidden" name="platform" value="${d.platform}">
<input type="hidden" name="account" value="${d.account}">
${other.length ? problemList(other) : ""}
<label for="${id}-comment">Comment (optional, at most ${formatCount(REVIEW_COMMENT_MAX_CHARS)} characters)
<textarea id="${id}-comment" name="comment" rows="2" cols="60" maxlength="${REVIEW_COMMENT_MAX_CHARS}"${
    commentProblem ? html` aria-invalid="true" aria-describedby="${id}-comment-error"` : ""
  }>${error?.comment ?? ""}</textarea></label>
${fieldError(`${id}-comment-error`, commentProblem)}
<fieldset><legend>Verdict</legend>
${REVIEW_VERDICTS.map((v) => html`<button type="submit" name="verdict" value="${v}">${VERDICT_LABEL[v]}</button> `)}
${fieldError(`${id}-verdict-error`, problem("verdict"))}
</fieldset>
</form>
${goldenCaseForm(d, options.csrf, filterQuery(values), id)}
</article>`;
}

/**
 * The review queue: the period's escalations and answers nobody has reviewed yet, oldest first (the
 * first fifty first), each with the customer's masked message, its decision, sources and handoff and
 * a verdict form.
 */
export function reviewQueuePage(options: ReviewQueuePageOptions): Html {
  const { data, decisions, error } = options;
  const shown = error && !decisions.some((d) => d.eventId === error.eventId);
  const body = html`<style>${STYLE}</style>
<h1>Review queue</h1>
<p><a href="${ESCALATIONS_PATH}?${filterQuery(data.values)}">Escalations</a> counts the verdicts given here.</p>
${filterForm(data.values, data.accounts, data.problems, REVIEW_PATH)}
${
  data.problems.length
    ? html`<div role="alert"><p>Fix the filters:</p><ul>${data.problems.map(
        (p) => html`<li><a href="#filter-${p.name}">${p.name}</a>: ${p.message}</li>`,
      )}</ul></div>`
    : ""
}
${data.notice ? html`<p class="notice">${data.notice}</p>` : ""}
${shown ? problemList(error.problems) : ""}
${options.recorded ? html`<p class="notice" role="status">Verdict recorded: that decision left the queue.</p>` : ""}
${
  data.query
    ? decisions.length
      ? html`<p>${formatCount(decisions.length)} decisions waiting for a review${
          decisions.length >= options.limit
            ? html` (the oldest ${formatCount(options.limit)}; more follow once these are reviewed)`
            : ""
        }, oldest first.</p>
${decisions.map((d, i) => item(d, i, options))}`
      : html`<p class="notice">Nothing waits for a review in this period.</p>`
    : ""
}`;
  return consoleLayout({
    title: "Review queue",
    body,
    signedIn: { csrf: options.csrf, current: ESCALATIONS_PATH, query: filterQuery(options.data.values) },
  });
}
