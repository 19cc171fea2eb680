import type { SandboxTicket } from "./records.ts";
import type { SandboxState } from "./state.ts";

/**
 * The slice of Zendesk search syntax the adapter uses (support.zendesk.com/hc/en-us/articles/203663226):
 * `type:ticket`, `requester_id:<id>` (or `requester:<id>`), `assignee:<id>`, `status:<s>` (and `status<s`,
 * `status>=s` and the other comparisons, in Zendesk's order new < open < pending < hold < solved < closed),
 * `tags:<t>`, and
 * `created>` / `created<` / `created>=` / `created<=` with a YYYY-MM-DD date. Other words match the subject.
 */
export function searchTickets(state: SandboxState, query: string, sortBy: string | null, sortOrder: string | null) {
  const terms = query.trim().split(/\s+/).filter(Boolean);
  if (terms.some((t) => /^type:/i.test(t) && t.toLowerCase() !== "type:ticket")) return [];
  const tests = terms.filter((t) => !/^type:/i.test(t)).map(termTest);
  const found = [...state.tickets.values()].filter((ticket) => tests.every((test) => test(ticket)));
  const key = sortBy === "updated_at" ? "updated_at" : "created_at";
  found.sort((a, b) => a[key].localeCompare(b[key]));
  if (sortOrder !== "asc") found.reverse();
  return found.map((ticket) => ({ ...structuredClone(ticket), result_type: "ticket" }));
}

const STATUS_ORDER = ["new", "open", "pending", "hold", "solved", "closed"];

function termTest(term: string): (t: SandboxTicket) => boolean {
  const status = /^status(>=|<=|>|<)(\w+)$/i.exec(term);
  if (status) {
    const [, op = "", value = ""] = status;
    const bound = STATUS_ORDER.indexOf(value.toLowerCase());
    return (t) => {
      const at = STATUS_ORDER.indexOf(t.status);
      return op === ">=" ? at >= bound : op === "<=" ? at <= bound : op === ">" ? at > bound : at < bound;
    };
  }
  const field = /^(requester_id|requester|assignee|status|tags|tag):(.+)$/i.exec(term);
  if (field) {
    const [, name = "", value = ""] = field;
    if (name.startsWith("requester")) return (t) => String(t.requester_id) === value;
    if (name === "assignee") return (t) => String(t.assignee_id) === value;
    if (name === "status") return (t) => t.status === value.toLowerCase();
    return (t) => t.tags.includes(value.toLowerCase());
  }
  const date = /^(created|updated)(>=|<=|>|<|:)(\d{4}-\d{2}-\d{2})$/i.exec(term);
  if (date) {
    const [, which = "created", op = ":", day = ""] = date;
    return (t) => {
      const value = (which.toLowerCase() === "updated" ? t.updated_at : t.created_at).slice(0, 10);
      if (op === ">") return value > day;
      if (op === ">=") return value >= day;
      if (op === "<") return value < day;
      if (op === "<=") return value <= day;
      return value === day;
    };
  }
  const word = term.toLowerCase();
  return (t) => t.subject.toLowerCase().includes(word);
}
