import type { ModelActions } from "../ports/model.ts";
import { createActionBudget, type ActionBudget } from "../actions/action-budget.ts";
import { authorizeAction, type PreparedCall } from "../actions/authorize-action.ts";
import type { ActionCatalog } from "../actions/catalog.ts";
import { describeCall } from "../actions/describe-call.ts";
import { requesterIdentity } from "../actions/requester-identity.ts";
import { runAction, type ActionResult, type RunActionDeps } from "../actions/run-action.ts";
import type { TicketContext } from "../domain/ticket.ts";
import type { Passage } from "../ports/knowledge.ts";
import type { ProposedAction } from "../policy/apply-policy.ts";
import type { IntentCategory } from "../domain/triage.ts";

export interface SupportActionsDeps {
  catalog: ActionCatalog;
  run: RunActionDeps;
}

/**
 * The actions of one customer message: read tools the model may call (authorized and budgeted per
 * call: 3 reads, no identical repeat) and write actions it may propose (at most one, run only after
 * authorization). The requester's identity always comes from the helpdesk context.
 */
export function messageActions(deps: SupportActionsDeps, context: TicketContext, intent: IntentCategory | null) {
  const requester = requesterIdentity(context.requester);
  const budget: ActionBudget = createActionBudget();
  const ticketId = context.ticket.id;
  let toolCalls = 0;
  let accountReads = 0;
  const results: Passage[] = [];

  const modelActions: ModelActions = {
    proposable: deps.catalog.actions
      .filter((a) => a.kind === "write")
      .map((a) => ({ name: a.name, description: a.description, parameters: Object.keys(a.parameters.properties) })),
    tools: deps.catalog.actions
      .filter((a) => a.kind === "read")
      .map((a) => ({
        name: a.name,
        description: a.description,
        inputSchema: a.parameters as unknown as Record<string, unknown>,
      })),
    async runTool(name, input) {
      toolCalls += 1;
      const action = deps.catalog.actions.find((a) => a.name === name);
      if (action?.kind !== "read") return { ok: false, content: { error: "not an available read action" } };
      // A read serves the message's intent when triage knows it, or any intent the action lists.
      const authorization = authorizeAction({
        proposed: { name, parameters: input },
        catalog: deps.catalog,
        intent: intent ?? action.intents[0] ?? null,
        requester,
      });
      if (authorization.decision !== "allow") {
        return {
          ok: false,
          content: { error: authorization.decision === "deny" ? authorization.reason : "needs approval" },
        };
      }
      // Asking the backend with the customer's identity is the look-up the notice tells them about,
      // whether or not it found anything.
      if (action.readsAccountData !== false) accountReads += 1;
      const result = await runAction({ call: authorization.call, requester, ticketId, budget }, deps.run);
      if (!result.ok) return { ok: false, content: { error: result.error.code } };
      // The result becomes a citable source: an answer may rest on the customer's own account data.
      const sourceId = `action:${name}:${results.length + 1}`;
      results.push({
        id: sourceId,
        title: `${name} result`,
        url: "",
        updatedAt: new Date().toISOString(),
        text: JSON.stringify(result.data),
      });
      return { ok: true, content: { source_id: sourceId, data: result.data } };
    },
  };

  return {
    modelActions,
    toolCalls: () => toolCalls,
    /** Reads run against the customer's account data (catalog `readsAccountData`), found or not. */
    accountReads: () => accountReads,
    /** Successful read results, as passages the answer may cite. */
    toolPassages: (): Passage[] => [...results],
    /** Authorize (and, when `execute`, run) the one write the model proposed. */
    async write(
      proposed: ProposedAction,
      { category, execute }: { category: IntentCategory; execute: boolean },
    ): Promise<WriteOutcome> {
      const authorization = authorizeAction({ proposed, catalog: deps.catalog, intent: category, requester });
      if (authorization.decision === "deny")
        return { kind: "denied", reason: authorization.reason, detail: authorization.detail };
      if (authorization.decision === "needs_approval")
        return { kind: "needs_approval", call: authorization.call, attempted: describeCall(authorization.call) };
      if (!execute)
        return { kind: "not_executed", call: authorization.call, attempted: describeCall(authorization.call) };
      const result = await runAction({ call: authorization.call, requester, ticketId, budget }, deps.run);
      return { kind: "ran", call: authorization.call, result };
    },
  };
}

export type WriteOutcome =
  | { kind: "denied"; reason: string; detail: string }
  | { kind: "needs_approval"; call: PreparedCall; attempted: string }
  | { kind: "not_executed"; call: PreparedCall; attempted: string }
  | { kind: "ran"; call: PreparedCall; result: ActionResult };
