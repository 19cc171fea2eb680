import { customerLine } from "../../handoff/customer-line.ts";
import { escapeHtml } from "../../lib/escape-html.ts";
import type { Handoff } from "../../domain/handoff.ts";
import { attachmentLine } from "../../handoff/attachment-line.ts";

/**
 * Render the handoff as a Zendesk internal note (`html_body`). Fixed sections in a fixed order so an
 * agent learns where to look once; empty sections say so rather than disappearing.
 */
export function renderZendeskNote(handoff: Handoff): string {
  const reasons = handoff.reasons.map((r) => `${escapeHtml(r.text)} <code>${escapeHtml(r.code)}</code>`).join("; ");
  const c = handoff.customer;
  const customerText = customerLine(c, "org");
  const recent = c.recentTickets.length
    ? c.recentTickets
        .map(
          (t) =>
            `<a href="${escapeHtml(t.url)}">#${escapeHtml(t.id)}</a> ${escapeHtml(t.subject)} ` +
            `(${escapeHtml(t.status)})`,
        )
        .join("<br>")
    : "none in the last 30 days";

  const sections: Array<[string, string]> = [
    ["Reason", reasons],
    ["Urgency", escapeHtml(handoff.urgency)],
    ["Customer wants", `<blockquote>${escapeHtml(handoff.customerWants).replace(/\n/g, "<br>")}</blockquote>`],
    ["Customer", customerText],
    ["Recent tickets", recent],
    ["Facts gathered", list(handoff.facts)],
    ["Sources checked", htmlList(handoff.sourcesChecked.map(sourceLink))],
    ["Actions attempted", list(handoff.actionsAttempted.map((a) => `${a.action}: ${a.result}`))],
    ["Sentiment", escapeHtml(handoff.sentimentTrend ?? "not assessed")],
    ["Suggested next step", escapeHtml(handoff.suggestedNextStep)],
  ];
  if (handoff.missing.length)
    sections.push(["Not checked", escapeHtml(`could not load: ${handoff.missing.join(", ")}`)]);
  if (handoff.routing) sections.push(["Routing", escapeHtml(handoff.routing)]);
  if (handoff.timing?.length) sections.push(["Timing", htmlList(handoff.timing.map(escapeHtml))]);
  if (handoff.attachments?.length)
    sections.push(["Attachments", htmlList(handoff.attachments.map((a) => escapeHtml(attachmentLine(a))))]);
  const body = sections.map(([title, html]) => renderSection(title, html)).join("");
  return `<p><strong>Deskmate handoff</strong></p>${body}`;
}

/** Block content (quotes, lists) cannot sit inside a paragraph. */
function renderSection(title: string, html: string): string {
  return /^<(blockquote|ul)>/.test(html)
    ? `<p><strong>${title}:</strong></p>${html}`
    : `<p><strong>${title}:</strong> ${html}</p>`;
}

function list(items: string[]): string {
  return htmlList(items.map(escapeHtml));
}

function htmlList(items: string[]): string {
  return items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join("")}</ul>` : "none";
}

/** Sources are clickable so the agent can check them in one step; only http(s) URLs become links. */
function sourceLink(source: { title: string; url: string }): string {
  const title = escapeHtml(source.title || source.url);
  return /^https?:\/\//i.test(source.url)
    ? `<a href="${escapeHtml(source.url)}">${title}</a>`
    : `${title} — ${escapeHtml(source.url)}`;
}
