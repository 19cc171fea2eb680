import { rmSync } from "node:fs";
import { REASON_TEXT } from "../../src/domain/reasons.ts";
import { fixedMessage } from "../../src/handoff/fixed-messages.ts";
import { INTERCOM_SANDBOX } from "../../test/support/intercom-sandbox.ts";
import { SCENARIOS } from "../../test/support/scenarios.ts";
import { SANDBOX } from "../../test/support/zendesk-sandbox.ts";
import { DEMO_ADMIN_TOKEN } from "./admin-api.ts";
import { describeOutcome, htmlToText, printTable } from "./format.ts";
import { startLocalApis } from "./local-apis.ts";
import { type Desk, type DeskTicket, intercomDesk, type Target, zendeskDesk } from "./rollout-desks.ts";
import { ledgerFolder } from "./worker-process.ts";
import { startSandboxWorker } from "./sandbox-worker.ts";

type Apis = Awaited<ReturnType<typeof startLocalApis>>;

const HOUR = 3_600_000;
const FOLLOW_UP_CRON = "7,22,37,52 * * * *";
const FOLLOW_UP = fixedMessage("follow_up", "en");
const text = (name: string) => SCENARIOS.find((s) => s.name === name)?.turns.at(-1)?.text ?? "";
const ASKS_FOR_PERSON = text("customer asks for a person");
const ANSWERABLE = text("answer from the help center");

/** What one ticket of the part shows: the assistant's public messages and its newest internal note. */
function seen(apis: Apis, desk: Desk, t: DeskTicket): { replies: string[]; note: string; tags: string[] } {
  if (desk.platform === "zendesk") {
    const ticket = apis.sandbox.ticket(Number(t.id));
    const mine = ticket.comments.filter((c) => c.author_id === SANDBOX.assistantId);
    return {
      replies: mine.filter((c) => c.public).map((c) => c.body),
      note: mine.filter((c) => !c.public).at(-1)?.html_body ?? "",
      tags: ticket.tags,
    };
  }
  const conversation = apis.intercom.conversation(t.id);
  const mine = conversation.parts.filter((p) => p.authorId === INTERCOM_SANDBOX.assistantAdminId);
  return {
    replies: mine.filter((p) => p.partType === "comment").map((p) => p.body ?? ""),
    note: mine.filter((p) => p.partType === "note").at(-1)?.bodyHtml ?? "",
    tags: conversation.tags,
  };
}

/** The follow-up note's first line, or the handoff note's reason line. */
function noteSays(html: string): string {
  const lines = htmlToText(html).split("\n");
  const reason = lines.find((l) => l.includes(REASON_TEXT.stale_ticket));
  if (reason) return `handoff: ${REASON_TEXT.stale_ticket}`;
  return (lines[0] ?? "").replace("Deskmate follow-up: ", "").slice(0, 150);
}

/**
 * The customer's side of a handoff — never a silent queue, on both platforms, against its own worker
 * (mode autosend, a fresh local D1, the recorded model outputs). Escalations wait for a person; the
 * follow-up Cron Trigger is driven through the local scheduled route with a time hours ahead (the
 * worker's clock for that run), so the estimate passes without waiting: one escalation gets its one
 * follow-up (a second run sends nothing), one a person answered gets none, and a ticket the assistant
 * answered but never resolved is handed to a person after max_open_hours. Returns the failed checks.
 */
export async function handoffFollowUpPart(secret: string, intercomSecret: string): Promise<number> {
  const apis = await startLocalApis();
  const folder = ledgerFolder();
  const worker = await startSandboxWorker(apis, {
    secret,
    intercomSecret,
    vars: { DESKMATE_MODE: "autosend", DESKMATE_FALLBACK_GROUP_ID: "2003", DESKMATE_ADMIN_TOKEN: DEMO_ADMIN_TOKEN },
    persistTo: folder,
    testScheduled: true,
  });
  const target: Target = { base: worker.base, waitForEvent: (id) => worker.waitForEvent(id) };
  const desks: Desk[] = [zendeskDesk(apis, secret, () => target), intercomDesk(apis, intercomSecret, () => target)];
  let problems = 0;
  const check = (ok: boolean) => {
    if (!ok) problems += 1;
    return ok ? "ok" : "MISMATCH";
  };
  const schedule = async (timeMs: number) => {
    const before = worker.logLines("follow-up run finished").length;
    const path = `/cdn-cgi/local/scheduled?cron=${encodeURIComponent(FOLLOW_UP_CRON)}&time=${timeMs}`;
    const response = await fetch(`${target.base}${path}`);
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    for (let i = 0; i < 120 && worker.logLines("follow-up run finished").length === before; i++)
      await new Promise((r) => setTimeout(r, 250));
  };
  try {
    await worker.ready();
    const rows: string[][] = [];
    const cast = await Promise.all(
      desks.map(async (desk) => {
        const late = desk.stage(ASKS_FOR_PERSON);
        const answered = desk.stage(ASKS_FOR_PERSON);
        const stale = desk.stage(ANSWERABLE);
        const outcomes = new Map<string, string>();
        for (const t of [late, answered, stale]) outcomes.set(t.id, describeOutcome(await desk.customerWrites(t)));
        await desk.humanReplies(answered, "Hi, Dana here. I'm looking at this now.", Date.now());
        return { desk, late, answered, stale, outcomes };
      }),
    );
    const now = Date.now();
    // Five hours on: past the 240-minute estimate; then the same run again; then a day on.
    await schedule(now + 5 * HOUR);
    const afterFirst = cast.map((c) => seen(apis, c.desk, c.late).replies.length);
    await schedule(now + 5 * HOUR + 15 * 60_000);
    await schedule(now + 25 * HOUR);
    for (const [i, c] of cast.entries()) {
      const late = seen(apis, c.desk, c.late);
      const followUps = late.replies.filter((r) => r === FOLLOW_UP).length;
      rows.push([
        "escalation waits past its estimate (run twice)",
        c.desk.platform,
        c.outcomes.get(c.late.id) ?? "",
        `${late.replies.length} messages, ${followUps} follow-up`,
        noteSays(late.note),
        check(followUps === 1 && afterFirst[i] === late.replies.length),
      ]);
      const answered = seen(apis, c.desk, c.answered);
      rows.push([
        "a person replied before the estimate",
        c.desk.platform,
        c.outcomes.get(c.answered.id) ?? "",
        `${answered.replies.length} message, no follow-up`,
        noteSays(answered.note),
        check(!answered.replies.includes(FOLLOW_UP)),
      ]);
      const stale = seen(apis, c.desk, c.stale);
      rows.push([
        "answered, unresolved for 25 hours",
        c.desk.platform,
        `${c.outcomes.get(c.stale.id) ?? ""} → escalate stale_ticket`,
        `${stale.replies.length} messages (answer, handoff)`,
        noteSays(stale.note),
        check(
          stale.tags.includes("deskmate_reason_stale_ticket") &&
            stale.note.includes(REASON_TEXT.stale_ticket) &&
            !stale.replies.includes(FOLLOW_UP),
        ),
      ]);
    }
    console.log(
      "\nPart 7c — never a silent queue (own worker, mode autosend; the follow-up " +
        "Cron Trigger run as of 5 h, 5¼ h and 25 h later)",
    );
    printTable(["scenario", "platform", "outcome", "what the customer got", "what the note says", "check"], rows);
  } finally {
    worker.stop();
    await worker.exited();
    apis.close();
    rmSync(folder, { recursive: true, force: true });
  }
  return problems;
}
