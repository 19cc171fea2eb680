import { customerLine } from "../../handoff/customer-line.ts";
import { escapeHtml } from "../../lib/escape-html.ts";
import type { Handoff } from "../../domain/handoff.ts";
import { attachmentLine } from "../../handoff/attachment-line.ts";

/**
 * The handoff as an Intercom internal note (`message_type: note`, whose body "accepts some HTML
 * formatting", without a list: reply_conversation_request in specs/intercom-api-2.16.yaml, whose
 * note example uses headings and lists). The sections and their order are those of the Zendesk note,
 * in the plainest markup Intercom's own note composer produces: paragraphs, <b>, <a>, <br> and flat
 * <ul> lists. No <blockquote> or <code>, which the note documentation does not promise, so the
 * customer's words are a quoted paragraph. Every value is escaped: customer text is data.
 */
export function renderIntercomNote(handoff: Handoff): string {
  const reasons = handoff.reasons.map((r) => `${escapeHtml(r.text)} (${escapeHtml(r.code)})`).join("; ");
  const c = handoff.customer;
  const customerText = customerLine(c, "company");
  const recent = c.recentTickets.length
    ? list(c.recentTickets.map((t) => `${link(t.url, `#${t.id}`)} ${escapeHtml(t.subject)} (${escapeHtml(t.status)})`))
    : "none in the last 30 days";
  const words = escapeHtml(handoff.customerWants).replace(/\n/g, "<br>");

  const sections: Array<[string, string]> = [
    ["Reason", reasons],
    ["Urgency", escapeHtml(handoff.urgency)],
    ["Customer wants", `<p>“${words}”</p>`],
    ["Customer", customerText],
    ["Recent conversations", recent],
    ["Facts gathered", list(handoff.facts.map(escapeHtml))],
    ["Sources checked", list(handoff.sourcesChecked.map((s) => link(s.url, s.title || s.url)))],
    ["Actions attempted", list(handoff.actionsAttempted.map((a) => escapeHtml(`${a.action}: ${a.result}`)))],
    ["Sentiment", escapeHtml(handoff.sentimentTrend ?? "not assessed")],
    ["Suggested next step", escapeHtml(handoff.suggestedNextStep)],
  ];
  if (handoff.missing.length)
    sections.push(["Not checked", escapeHtml(`could not load: ${handoff.missing.join(", ")}`)]);
  if (handoff.routing) sections.push(["Routing", escapeHtml(handoff.routing)]);
  if (handoff.timing?.length) sections.push(["Timing", list(handoff.timing.map(escapeHtml))]);
  if (handoff.attachments?.length)
    sections.push(["Attachments", list(handoff.attachments.map((a) => escapeHtml(attachmentLine(a))))]);
  return `<p><b>Deskmate handoff</b></p>${sections.map(([title, html]) => section(title, html)).join("")}`;
}

/** Lists and paragraphs cannot sit inside a paragraph. */
function section(title: string, html: string): string {
  return /^<(ul|p)>/.test(html) ? `<p><b>${title}:</b></p>${html}` : `<p><b>${title}:</b> ${html}</p>`;
}

function list(items: string[]): string {
  return items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join("")}</ul>` : "none";
}

/** Only http(s) URLs become links; anything else is shown as text. */
function link(url: string, label: string): string {
  return /^https?:\/\//i.test(url)
    ? `<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`
    : `${escapeHtml(label)} — ${escapeHtml(url)}`;
}
