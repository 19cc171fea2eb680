import { escapeHtml } from "../lib/escape-html.ts";
import type { Handoff } from "../domain/handoff.ts";

/** The customer in one escaped line: name · verified · organization · tenure · tags. */
export function customerLine(customer: Handoff["customer"], organizationWord: "org" | "company"): string {
  return [
    customer.name ?? "unknown name",
    customer.verified === null ? null : customer.verified ? "verified" : "not verified",
    customer.organization
      ? `${organizationWord}: ${customer.organization}`
      : organizationWord === "org"
        ? "no organization"
        : "no company",
    customer.customerSince ? `customer since ${customer.customerSince.slice(0, 10)}` : null,
    customer.tags.length ? `tags: ${customer.tags.join(", ")}` : null,
  ]
    .filter((part): part is string => part !== null)
    .map(escapeHtml)
    .join(" · ");
}
