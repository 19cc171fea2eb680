import { html } from "hono/html";
import type { LedgerAccount } from "../../ports/ledger.ts";
import type { FieldProblem } from "../admin/validate-setting-values.ts";
import { type Html, consoleLayout } from "./console-layout.ts";
import { type FilterValues, filterQuery } from "./overview-filters.ts";
import { filterForm } from "./overview-page.ts";

export interface ReportPageShellOptions {
  path: string;
  title: string;
  csrf: string;
  values: FilterValues;
  accounts: readonly LedgerAccount[];
  problems: readonly FieldProblem[];
  /** Why there is no body (no ledger, empty ledger, a read that failed). */
  notice?: string;
  body: Html | null;
}

/** A console page over one report: its title, the shared filter form, the filters' problems, then its body. */
export function reportPageShell(options: ReportPageShellOptions): Html {
  const { problems } = options;
  const body = html`<h1>${options.title}</h1>
${filterForm(options.values, options.accounts, problems, options.path)}
${
  problems.length
    ? html`<div role="alert"><p>Fix the filters:</p><ul>${problems.map(
        (p) => html`<li><a href="#filter-${p.name}">${p.name}</a>: ${p.message}</li>`,
      )}</ul></div>`
    : ""
}
${options.notice ? html`<p class="notice">${options.notice}</p>` : ""}
${options.body ?? ""}`;
  return consoleLayout({
    title: options.title,
    body,
    signedIn: { csrf: options.csrf, current: options.path, query: filterQuery(options.values) },
  });
}
