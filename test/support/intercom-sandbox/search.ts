import type { SandboxConversation } from "./records.ts";
import { renderConversation } from "./render.ts";
import { errorList, type ApiAnswer, type IntercomSandboxState } from "./state.ts";

type Filter = { field?: unknown; operator?: unknown; value?: unknown };

/**
 * POST /conversations/search (searchConversations): nested AND/OR groups of `{field, operator,
 * value}` filters over the fields below; `pagination.per_page` (default 20, at most 150). Results
 * carry no conversation_parts, as in Intercom. Unknown fields or operators answer 400.
 */
export function searchConversations(state: IntercomSandboxState, input: unknown): ApiAnswer {
  const body = (input ?? {}) as { query?: Filter; pagination?: { per_page?: unknown } };
  if (!body.query || typeof body.query !== "object") return errorList(400, "parameter_not_found", "query is required");
  const perPage = Math.min(150, Math.max(1, Number(body.pagination?.per_page ?? 20) || 20));
  let matches: SandboxConversation[];
  try {
    matches = [...state.conversations.values()].filter((c) => evaluate(body.query as Filter, c));
  } catch (error) {
    return errorList(400, "query_invalid", (error as Error).message);
  }
  matches.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
  return {
    status: 200,
    body: {
      type: "conversation.list",
      pages: {
        type: "pages",
        page: 1,
        per_page: perPage,
        total_pages: Math.max(1, Math.ceil(matches.length / perPage)),
      },
      total_count: matches.length,
      conversations: matches
        .slice(0, perPage)
        .map((c) => renderConversation(state, c, { plaintext: false, parts: false })),
    },
  };
}

function evaluate(filter: Filter, c: SandboxConversation): boolean {
  if (filter.operator === "AND" || filter.operator === "OR") {
    if (!Array.isArray(filter.value) || filter.value.length === 0) throw new Error("AND/OR need a list of filters");
    const results = (filter.value as Filter[]).map((f) => evaluate(f, c));
    return filter.operator === "AND" ? results.every(Boolean) : results.some(Boolean);
  }
  const values = fieldValues(String(filter.field ?? ""), c);
  const wanted = filter.value;
  const compare = (op: (a: number, b: number) => boolean) =>
    typeof wanted === "number" && values.some((v) => typeof v === "number" && op(v, wanted));
  switch (filter.operator) {
    case "=":
      return values.some((v) => v === wanted);
    case "!=":
      return !values.some((v) => v === wanted);
    case "IN":
    case "NIN": {
      if (!Array.isArray(wanted)) throw new Error(`${filter.operator} needs a list`);
      const hit = values.some((v) => wanted.includes(v as never));
      return filter.operator === "IN" ? hit : !hit;
    }
    case ">":
      return compare((a, b) => a > b);
    case "<":
      return compare((a, b) => a < b);
    case ">=":
      return compare((a, b) => a >= b);
    case "<=":
      return compare((a, b) => a <= b);
    default:
      throw new Error(`operator ${JSON.stringify(filter.operator)} is not supported`);
  }
}

function fieldValues(field: string, c: SandboxConversation): unknown[] {
  switch (field) {
    case "id":
      return [c.id];
    case "created_at":
      return [c.createdAt];
    case "updated_at":
      return [c.updatedAt];
    case "contact_ids":
      return c.contactIds;
    case "state":
      return [c.state];
    case "open":
      return [c.state !== "closed"];
    case "priority":
      return [c.priority];
    case "admin_assignee_id":
      return [c.adminAssigneeId === null ? 0 : Number(c.adminAssigneeId)];
    case "team_assignee_id":
      return [c.teamAssigneeId === null ? 0 : Number(c.teamAssigneeId)];
    case "tag_ids":
      return c.tags.map((t) => t.id);
    case "source.author.id":
      return [c.source.author.id];
    default:
      throw new Error(`field ${JSON.stringify(field)} is not searchable in the sandbox`);
  }
}
