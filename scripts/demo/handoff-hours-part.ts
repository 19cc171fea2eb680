import { createHmac } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { INTERCOM_SANDBOX } from "../../test/support/intercom-sandbox.ts";
import { SCENARIOS } from "../../test/support/scenarios.ts";
import { DEMO_ADMIN_TOKEN } from "./admin-api.ts";
import { describeOutcome, htmlToText, printTable } from "./format.ts";
import { startLocalApis } from "./local-apis.ts";
import { type Desk, type DeskTicket, intercomDesk, type Target, zendeskDesk } from "./rollout-desks.ts";
import { startSandboxWorker } from "./sandbox-worker.ts";

const MINUTE = 60_000;
const ON_CALL_SECRET = "deskmate-demo-on-call-secret";
const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const PERSON = SCENARIOS.find((s) => s.name === "customer asks for a person")?.turns.at(-1)?.text ?? "";
const FRAUD = SCENARIOS.find((s) => s.name === "unauthorized charge")?.turns.at(-1)?.text ?? "";

type Apis = Awaited<ReturnType<typeof startLocalApis>>;

/**
 * Part 7: the wait, honestly (README "Business hours and the wait"), on both platforms, on its own
 * sandboxes and two workers in autosend. In hours: eight past handoffs answered 2 to 9 minutes later
 * are the ledger's data, and the next escalation is told the range. Off hours (a schedule open on
 * another day only, so "now" is always closed): the next opening is stated, and a fraud report takes
 * the emergency path (on-call group and tag, a signed notification to a local receiver). Returns the
 * number of checks that failed.
 */
export async function handoffHoursPart(secret: string, intercomSecret: string): Promise<number> {
  const apis = await startLocalApis();
  const hooks: Array<{ platform: string; signed: boolean }> = [];
  const receiver = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      const timestamp = String(request.headers["x-deskmate-timestamp"] ?? "");
      const want = `sha256=${createHmac("sha256", ON_CALL_SECRET).update(`${timestamp}.${body}`).digest("hex")}`;
      const notice = JSON.parse(body || "{}") as { platform?: string };
      hooks.push({ platform: notice.platform ?? "?", signed: request.headers["x-deskmate-signature"] === want });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/on-call`;
  const common = {
    DESKMATE_FALLBACK_GROUP_ID: "2003",
    DESKMATE_ADMIN_TOKEN: DEMO_ADMIN_TOKEN,
    DESKMATE_MODE: "autosend",
    DESKMATE_BUSINESS_HOURS_TIME_ZONE: "Europe/Paris",
  };
  const rows: string[][] = [];
  let problems = 0;
  const check = (ok: boolean) => {
    if (!ok) problems += 1;
    return ok ? "ok" : "MISMATCH";
  };
  // In hours: open around the clock, so the demo runs the same whenever it is started. Off hours: open
  // only three days from now, in Paris. Both workers start together (each takes seconds to boot).
  const day = DAYS[(new Date().getUTCDay() + 6 + 3) % 7];
  const offHours = {
    ...common,
    DESKMATE_BUSINESS_HOURS: `${day} 09:00-17:00`,
    DESKMATE_ON_CALL_GROUP_ID: "2002",
    DESKMATE_ON_CALL_TAG: "on_call",
    DESKMATE_ON_CALL_WEBHOOK_URL: "https://on-call.example.com/deskmate",
    ON_CALL_WEBHOOK_LOCAL_URL: hookUrl,
    ON_CALL_WEBHOOK_SECRET: ON_CALL_SECRET,
  };
  const started = await Promise.allSettled([
    startDesks({ ...common, DESKMATE_BUSINESS_HOURS: "mon-sun 00:00-24:00" }),
    startDesks(offHours),
  ]);
  const [inHours, off] = started;
  if (inHours?.status !== "fulfilled" || off?.status !== "fulfilled") {
    for (const s of started) if (s.status === "fulfilled") await s.value.stop();
    receiver.close();
    apis.close();
    throw started.find((s) => s.status === "rejected")?.reason;
  }
  const inHoursDesks = inHours.value;
  const offHoursDesks = off.value;
  try {
    await (async (desks: Desk[]) => {
      await Promise.all(
        desks.map(async (desk) => {
          const past = Array.from({ length: 8 }, () => desk.stage(PERSON));
          await Promise.all(past.map((t) => desk.customerWrites(t)));
          const t0 = Date.now();
          await Promise.all(past.map((t, i) => desk.humanReplies(t, "Hi, I'm here to help.", t0 + (2 + i) * MINUTE)));
          const t = desk.stage(PERSON);
          const handled = await desk.customerWrites(t);
          const seen = lastWrites(apis, desk, t);
          rows.push(
            row("in hours, wait from 8 past handoffs", desk, handled, seen, check(seen.reply.includes("usually take"))),
          );
        }),
      );
    })(inHoursDesks.desks);
    await (async (desks: Desk[]) => {
      await Promise.all(
        desks.map(async (desk) => {
          const person = desk.stage(PERSON);
          const handled = await desk.customerWrites(person);
          const seen = lastWrites(apis, desk, person);
          rows.push(row("off hours, next opening", desk, handled, seen, check(seen.reply.includes("back "))));
          const fraud = desk.stage(FRAUD);
          const urgent = await desk.customerWrites(fraud);
          const got = lastWrites(apis, desk, fraud);
          const notified = hooks.filter((h) => h.platform === desk.platform);
          const ok =
            got.reply.includes("on-call team") &&
            got.group === "2002" &&
            got.note.includes("emergency path") &&
            notified.length === 1 &&
            notified.every((h) => h.signed);
          rows.push(row("urgent off hours, emergency path", desk, urgent, got, check(ok)));
        }),
      );
    })(offHoursDesks.desks);
  } finally {
    await Promise.all([inHoursDesks.stop(), offHoursDesks.stop()]);
    receiver.close();
    apis.close();
  }
  console.log("\nPart 7b — business hours and the wait (own workers and sandboxes, autosend, recorded model outputs)");
  printTable(
    ["scenario", "platform", "outcome", "group", "what the customer got", "what the note's timing says", "ok"],
    rows,
  );
  console.log(`On-call notifications received (signed): ${hooks.filter((h) => h.signed).length} of ${hooks.length}.`);
  return problems;

  /** A worker with these variables, and the two desks that send to it. */
  async function startDesks(vars: Record<string, string>): Promise<{ desks: Desk[]; stop: () => Promise<void> }> {
    const worker = await startSandboxWorker(apis, { secret, intercomSecret, vars });
    const target: Target = { base: worker.base, waitForEvent: (id) => worker.waitForEvent(id) };
    const stop = async () => {
      worker.stop();
      await worker.exited();
    };
    try {
      await worker.ready();
    } catch (error) {
      await stop();
      throw error;
    }
    return { desks: [zendeskDesk(apis, secret, () => target), intercomDesk(apis, intercomSecret, () => target)], stop };
  }
}

interface Seen {
  reply: string;
  note: string;
  group: string;
}

/** The assistant's last public reply, the handoff note's timing lines and the group, as the sandbox holds them. */
function lastWrites(apis: Apis, desk: Desk, t: DeskTicket): Seen {
  if (desk.platform === "zendesk") {
    const ticket = apis.sandbox.ticket(Number(t.id));
    const reply = ticket.comments.filter((c) => c.public && c.author_id === 900).at(-1)?.body ?? "";
    const note = ticket.comments.find((c) => !c.public && c.html_body.includes("handoff"))?.html_body ?? "";
    return { reply, note: timing(note), group: String(ticket.group_id ?? "—") };
  }
  const conversation = apis.intercom.conversation(t.id);
  const mine = conversation.parts.filter((p) => p.authorId === INTERCOM_SANDBOX.assistantAdminId);
  const reply = mine.filter((p) => p.partType === "comment").at(-1);
  const note = mine.find((p) => p.partType === "note")?.bodyHtml ?? "";
  return {
    reply: reply?.body ?? htmlToText(reply?.bodyHtml ?? ""),
    note: timing(note),
    group: conversation.teamAssigneeId ?? "—",
  };
}

function timing(noteHtml: string): string {
  const text = htmlToText(noteHtml);
  const at = text.indexOf("Timing:");
  return at < 0
    ? ""
    : text
        .slice(at + "Timing:".length)
        .replace(/\s*•\s*/g, " ")
        .trim();
}

function row(name: string, desk: Desk, handled: { outcome?: string; reasons?: string[] }, seen: Seen, ok: string) {
  // The message after the disclosure, cut for the table.
  // The sentence that differs between the scenarios: the wait, the opening or on-call.
  const message = (seen.reply.split("\n\n").at(-1) ?? seen.reply).replace(/\s+/g, " ");
  const sentences = message.split(/(?<=[.;:])\s+/);
  const key = sentences.find((x) => /usually take|back |on-call/.test(x)) ?? sentences.at(-1) ?? "";
  const tail = cut(key, 100);
  return [name, desk.platform, describeOutcome(handled), seen.group, tail, cut(seen.note, 170), ok];
}

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text || "—");
