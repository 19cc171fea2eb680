import type { Plan } from "../domain/plan.ts";
import type { Comment, TicketContext } from "../domain/ticket.ts";
import {
  type ContinuityFacts,
  chooseAssignee,
  chooseTargetGroup,
  routingLine,
  type RouteSettings,
} from "../handoff/choose-route.ts";
import { customerLocale } from "../handoff/customer-locale.ts";
import { outcomeTags } from "../handoff/outcome-tags.ts";
import { routingDirectoryCache } from "../state/routing-directory-cache.ts";
import type { Helpdesk } from "../ports/helpdesk.ts";
import { isVip } from "../triage/is-vip.ts";
import type { EscalationStepInput } from "./escalation-step.ts";

/**
 * What routing reads from an escalation step's input: the message's body (its language may pick the
 * group) and the settings routing uses, narrower than the step's.
 */
export type RouteEscalationInput = Pick<EscalationStepInput, "context" | "helpdesk" | "store" | "now" | "log"> & {
  customerComment: Pick<Comment, "body">;
  settings: RouteSettings & { tagPrefix: string } & Parameters<typeof isVip>[1];
};

/**
 * The escalation's group and agent (the "routing to the right person"): the target group from
 * VIP status, the customer's language and the category (src/handoff/choose-route.ts), then continuity,
 * the agent who solved the requester's last solved ticket. Reads only when a target group exists, in
 * two parallel waves (the last solved ticket and the group's name; then that agent and their open
 * escalations). A read that fails assigns nobody and says so in the routing line; the group stays.
 */
export async function routeEscalation(plan: Plan, input: RouteEscalationInput): Promise<Plan> {
  const { settings, context, log } = input;
  const started = Date.now();
  const target = chooseTargetGroup({
    category: plan.facts?.category ?? null,
    decidedGroupId: plan.groupId,
    locales: routingLocales(context, input.customerComment.body),
    vip: isVip(context, settings),
    settings,
  });
  if (target === null) return plan;
  const cache = routingDirectoryCache(input.store, log);
  const [groupLabel, facts] = await Promise.all([
    cache
      .groupName(target.groupId, () => input.helpdesk.groupName(target.groupId))
      .catch((error: unknown) => {
        log.warn("routing: group name not read", { group_id: target.groupId, error });
        return null;
      })
      .then((name) => name ?? `group ${target.groupId}`),
    settings.routingContinuity ? continuityFacts(input, cache) : Promise.resolve<ContinuityFacts>({ kind: "off" }),
  ]);
  const choice = chooseAssignee({ target, groupLabel, facts, settings, now: input.now });
  const routing = routingLine(target, groupLabel, choice);
  log.info("escalation routed", {
    group_id: target.groupId,
    assignee_id: choice.assigneeId ?? null,
    continuity: facts.kind,
    ms: Date.now() - started,
  });
  return {
    ...plan,
    groupId: target.groupId,
    ...(choice.assigneeId !== undefined ? { assigneeId: choice.assigneeId } : {}),
    ...(plan.handoff ? { handoff: { ...plan.handoff, routing } } : {}),
  };
}

/**
 * The language of the customer's fixed messages first (customerLocale: a confident detection of the
 * message's language beats a stored default such as "en-us"; full tag, then its language), then the
 * requester's locale as the helpdesk stores it ("pt-br", then "pt").
 */
export function routingLocales(context: TicketContext, message: string): string[] {
  const stored = context.requester.status === "present" ? context.requester.value.locale : null;
  const tags = [customerLocale(context, message), stored?.trim().toLowerCase().replace(/_/g, "-") ?? ""];
  return [...new Set(tags.flatMap((tag) => [tag, tag.split("-")[0] ?? ""]).filter((locale) => locale !== ""))];
}

async function continuityFacts(
  input: RouteEscalationInput,
  cache: ReturnType<typeof routingDirectoryCache>,
): Promise<ContinuityFacts> {
  const { helpdesk, context, log } = input;
  let previous: Awaited<ReturnType<Helpdesk["lastSolvedTicket"]>>;
  let assistantId: string;
  try {
    [previous, assistantId] = await Promise.all([
      helpdesk.lastSolvedTicket(context.ticket.requesterId, context.ticket.id),
      helpdesk.whoAmI().then((me) => me.id),
    ]);
  } catch (error) {
    log.warn("routing: earlier tickets not read", { error });
    return { kind: "previous_unreadable" };
  }
  // A ticket the assistant itself solved has no agent to continue with.
  if (previous === null || previous.assigneeId === null || previous.assigneeId === assistantId)
    return { kind: "no_previous" };
  const agentId = previous.assigneeId;
  const escalatedTag = outcomeTags({ outcome: "escalate", reasons: [] }, input.settings.tagPrefix)[0] ?? "";
  try {
    const [agent, openEscalations] = await Promise.all([
      cache.agentProfile(agentId, () => helpdesk.agentProfile(agentId)),
      helpdesk.openEscalationCount(agentId, escalatedTag),
    ]);
    return { kind: "read", ticket: previous, agent, openEscalations };
  } catch (error) {
    log.warn("routing: agent not checked", { agent_id: agentId, ticket_id: previous.id, error });
    return { kind: "agent_unreadable", ticket: previous };
  }
}
