import { type BusinessSchedule, addBusinessMinutes, isOpenAt, nextOpening } from "../handoff/business-hours.ts";
import { customerLocale } from "../handoff/customer-locale.ts";
import { estimateWait, settingWait, type WaitEstimate } from "../handoff/estimate-wait.ts";
import { fixedMessage, openingText, waitRange } from "../handoff/fixed-messages.ts";
import type { HandoffWait } from "../domain/handoff.ts";
import type { Plan } from "../domain/plan.ts";
import type { ReasonCode } from "../domain/reasons.ts";
import { isTimeZone } from "../lib/parse-weekly-hours.ts";
import { businessSchedule } from "./business-schedule.ts";
import { notifyOnCall } from "./notify-on-call.ts";
import type { EscalationStepInput } from "./escalation-step.ts";

/** Reasons that cannot wait for the next opening: off hours they take the emergency path. */
const URGENT: readonly ReasonCode[] = ["safety", "security", "fraud", "legal"];
/** Past handoffs read for the estimate: four weeks, at most this many (newest first). */
const WINDOW_DAYS = 28;
const MAX_ROWS = 2000;
/** Off hours without an estimate, a person is expected this long after the opening (for the follow-up). */
const OPENING_GRACE_MINUTES = 60;

/**
 * The wait, honestly: in business hours the customer is told the expected wait (from past handoffs in
 * the ledger, else the expected_wait_minutes setting, else nothing new); outside them, when the team
 * next opens, in the customer's time zone when known, with the email follow-up; urgent reasons outside
 * them take the emergency path (on-call group, tag, notification). Sets the customer message, the
 * note's timing lines and `handoff.wait` (read by the follow-up check). Runs after routing.
 */
export async function timeEscalation(plan: Plan, input: EscalationStepInput): Promise<Plan> {
  if (!plan.handoff) return plan;
  const { settings, now } = input;
  const resolved = await businessSchedule(input);
  const schedule = resolved.schedule;
  const timing = [...(plan.handoff.timing ?? []), ...resolved.lines];
  const locale = customerLocale(input.context, input.customerComment.body);
  const opening = schedule && !isOpenAt(schedule, now) ? nextOpening(schedule, now) : null;

  if (opening && schedule) {
    const when = openingText({ at: opening.toISOString(), timeZone: schedule.timeZone }, "en");
    const urgent = plan.reasons.filter((reason) => URGENT.includes(reason));
    if (urgent.length > 0 && hasOnCall(settings)) return emergencyPath(plan, input, { urgent, when, timing });
    if (urgent.length > 0) {
      timing.push(`Urgent (${urgent.join(", ")}) but no on-call group, tag or URL is set: waits for the next opening.`);
    }
    const zone = customerZone(input) ?? schedule.timeZone;
    const estimate = await wait(plan, input, schedule, opening);
    const expectedBy = addBusinessMinutes(schedule, opening, estimate?.range.maxMinutes ?? OPENING_GRACE_MINUTES);
    timing.push(
      `Off hours: the team is back ${when}; the customer was told so` +
        `${zone === schedule.timeZone ? "" : ` in their time zone (${zone})`}, with their reply also by email.`,
    );
    if (estimate) timing.push(`Expected reply after opening: ${waitRange(estimate.range)} (${estimate.basis}).`);
    return withTiming(plan, timing, {
      customerMessage: fixedMessage(
        "off_hours",
        locale,
        { opening: { at: opening.toISOString(), timeZone: zone } },
        settings,
      ),
      ...(expectedBy ? { wait: { expectedBy: expectedBy.toISOString(), offHours: true } } : {}),
    });
  }

  const estimate = await wait(plan, input, schedule, now);
  if (!estimate) return resolved.lines.length > 0 ? withTiming(plan, timing, {}) : plan;
  const expectedBy = schedule
    ? addBusinessMinutes(schedule, now, estimate.range.maxMinutes)
    : new Date(now.getTime() + estimate.range.maxMinutes * 60_000);
  timing.push(`Wait told to the customer: ${waitRange(estimate.range)} (${estimate.basis}).`);
  return withTiming(plan, timing, {
    customerMessage: fixedMessage("escalation_wait", locale, { wait: estimate.range }, settings),
    ...(expectedBy ? { wait: { expectedBy: expectedBy.toISOString(), offHours: false } } : {}),
  });
}

function hasOnCall(settings: EscalationStepInput["settings"]): boolean {
  return settings.onCallGroupId !== null || settings.onCallTag !== null || settings.onCallWebhookUrl !== null;
}

/** The requester's own zone when the helpdesk gives a valid one (Zendesk does; Intercom has none). */
function customerZone(input: EscalationStepInput): string | null {
  const requester = input.context.requester.status === "present" ? input.context.requester.value : null;
  const zone = requester?.timeZone ?? null;
  return zone && isTimeZone(zone) ? zone : null;
}

/**
 * The range to tell and where it comes from: past handoffs of the escalation's group in the ledger
 * (counted from `from`), else the setting; null when neither can support one.
 */
async function wait(
  plan: Plan,
  input: EscalationStepInput,
  schedule: BusinessSchedule | null,
  from: Date,
): Promise<{ range: { minMinutes: number; maxMinutes: number }; basis: string } | null> {
  let estimate: WaitEstimate | null = null;
  let ledgerNote = "";
  if (input.ledger) {
    const started = Date.now();
    try {
      const rows = await input.ledger.handoffWaits({
        platform: input.event.platform,
        account: input.event.accountId,
        from: new Date(input.now.getTime() - WINDOW_DAYS * 86_400_000).toISOString(),
        to: input.now.toISOString(),
        limit: MAX_ROWS,
      });
      estimate = estimateWait(rows, { groupId: plan.groupId ?? null, at: from, schedule });
      input.log.info("wait estimated", {
        rows: rows.length,
        basis: estimate?.basis ?? "none",
        ms: Date.now() - started,
      });
    } catch (error) {
      input.log.warn("wait estimate: ledger read failed", { error: String(error), ms: Date.now() - started });
      ledgerNote = "; the ledger could not be read";
    }
  }
  if (estimate) {
    const scope = {
      group_hour: "this group at this hour of the week",
      group: "this group at any hour",
      all: "all groups",
    };
    const time = estimate.businessTime ? " in business time" : "";
    return {
      range: estimate,
      basis: `quartiles of ${estimate.samples} recent handoffs to ${scope[estimate.basis]}${time}`,
    };
  }
  const fallback = settingWait(input.settings.expectedWaitMinutes);
  return fallback ? { range: fallback, basis: `expected_wait_minutes; too few recent handoffs${ledgerNote}` } : null;
}

async function emergencyPath(
  plan: Plan,
  input: EscalationStepInput,
  { urgent, when, timing }: { urgent: ReasonCode[]; when: string; timing: string[] },
): Promise<Plan> {
  const { settings } = input;
  const how: string[] = [];
  if (settings.onCallGroupId) how.push(`on-call group ${settings.onCallGroupId}`);
  if (settings.onCallTag) how.push(`tag ${settings.onCallTag}`);
  // A shadow decision only describes what it would do: on-call is not paged for it.
  if (settings.onCallWebhookUrl && settings.mode === "shadow") how.push("on-call would be notified (shadow: not sent)");
  else if (settings.onCallWebhookUrl) {
    const notified = await notifyOnCall({
      url: settings.onCallWebhookUrl,
      notice: {
        ticketId: input.event.ticketId,
        ticketUrl: input.helpdesk.ticketUrl(input.event.ticketId),
        reasons: [...plan.reasons],
        platform: input.event.platform,
        account: input.event.accountId,
        commentId: input.customerComment.id,
        at: input.now.toISOString(),
      },
      config: input.onCall ?? { secret: null, localUrl: null },
      store: input.store,
      log: input.log,
    });
    how.push(
      notified.status === "sent"
        ? "on-call notified"
        : notified.status === "already_sent"
          ? "on-call already notified"
          : `on-call notification FAILED (${notified.detail}): call them`,
    );
  }
  timing.push(`Off hours (team back ${when}), urgent (${urgent.join(", ")}): emergency path — ${how.join(", ")}.`);
  const base: Plan = Object.fromEntries(Object.entries(plan).filter(([key]) => key !== "assigneeId")) as Plan;
  const handoff = plan.handoff ? { ...plan.handoff } : undefined;
  return {
    ...withTiming(base, timing, {
      customerMessage: fixedMessage(
        "emergency",
        customerLocale(input.context, input.customerComment.body),
        {},
        settings,
      ),
    }),
    ...(settings.onCallGroupId ? { groupId: settings.onCallGroupId } : {}),
    ...(settings.onCallTag && !plan.addTags.includes(settings.onCallTag)
      ? { addTags: [...plan.addTags, settings.onCallTag] }
      : {}),
    ...(handoff
      ? {
          handoff: {
            ...handoff,
            timing,
            routing: settings.onCallGroupId
              ? `Routed to the on-call group ${settings.onCallGroupId} — off hours, ${urgent.join(", ")}`
              : `Kept in its group, flagged for on-call — off hours, ${urgent.join(", ")}`,
          },
        }
      : {}),
  };
}

function withTiming(plan: Plan, timing: string[], extra: { customerMessage?: string; wait?: HandoffWait }): Plan {
  if (!plan.handoff) return plan;
  return {
    ...plan,
    ...(extra.customerMessage ? { customerMessage: extra.customerMessage } : {}),
    handoff: { ...plan.handoff, timing, ...(extra.wait ? { wait: extra.wait } : {}) },
  };
}
