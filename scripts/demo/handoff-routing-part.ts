import { userCreated } from "../../test/support/intercom-events.ts";
import { INTERCOM_SANDBOX } from "../../test/support/intercom-sandbox.ts";
import { signedIntercomRequest } from "../../test/support/signed-intercom-request.ts";
import { signedZendeskRequest } from "../../test/support/signed-zendesk-request.ts";
import { ticketCreated } from "../../test/support/zendesk-events.ts";
import { SANDBOX } from "../../test/support/zendesk-sandbox.ts";
import { describeOutcome, htmlToText, printTable, settle } from "./format.ts";
import { startLocalApis } from "./local-apis.ts";
import type { HandledLine, startWorker } from "./worker-process.ts";
import { startSandboxWorker } from "./sandbox-worker.ts";

type Apis = Awaited<ReturnType<typeof startLocalApis>>;

/** Groups (Zendesk) and teams (Intercom) share ids in both sandboxes. */
const SPANISH = "2004";
const BILLING = "2002";
const SUPPORT = "2001";
const LIMIT = 2;

/** Who solved the customer's previous ticket, and what makes that agent (un)suitable. */
type Previous = { agent: "dana" | "away" | "outside" | "busy" } | null;

interface RoutingCase {
  name: string;
  language: string | null;
  previous: Previous;
  /** What the customer writes: in their language, which picks the group before any stored locale. */
  message: string;
  /** Expected group and assignee ("none": nobody assigned), and a phrase the routing line must hold. */
  group: string;
  assignee: "dana" | "none";
  says: string;
}

const SPANISH_MESSAGE = "Me cobraron dos veces este mes, ¿me ayudan?";
const ENGLISH_MESSAGE = "I was charged twice this month, can you help?";

const CASES: RoutingCase[] = [
  {
    name: "Spanish customer → Spanish group",
    language: "es",
    message: SPANISH_MESSAGE,
    previous: null,
    group: SPANISH,
    assignee: "none",
    says: "Routed to Soporte ES — language es",
  },
  {
    name: "continuity: last solver assigned",
    language: null,
    message: ENGLISH_MESSAGE,
    previous: { agent: "dana" },
    group: BILLING,
    assignee: "dana",
    says: "assigned to Dana Rivera, who solved",
  },
  {
    name: "continuity: last solver away",
    language: null,
    message: ENGLISH_MESSAGE,
    previous: { agent: "away" },
    group: BILLING,
    assignee: "none",
    says: ") is away",
  },
  {
    name: "continuity: last solver at the limit",
    language: null,
    message: ENGLISH_MESSAGE,
    previous: { agent: "busy" },
    group: BILLING,
    assignee: "none",
    says: `holds ${LIMIT} open escalations (limit ${LIMIT})`,
  },
  {
    name: "continuity: last solver outside the group",
    language: null,
    message: ENGLISH_MESSAGE,
    previous: { agent: "outside" },
    group: BILLING,
    assignee: "none",
    says: ") is not in Billing",
  },
];

interface Routed {
  handled: HandledLine | undefined;
  groupId: string | null;
  assigneeId: string | null;
  customerGot: string;
  note: string;
}

/** One platform's agents for the part: ids by role, each agent only in one case (no cache crosses cases). */
interface Platform {
  name: "zendesk" | "intercom";
  dana: string;
  route(c: RoutingCase, index: number): Promise<Routed>;
}

/**
 * The "routing by language and continuity" on both platforms: its own sandboxes and worker in
 * autosend (no model key, so every message escalates with a handoff built from the ticket). Spanish
 * customers go to the Spanish group; the agent who solved the customer's previous ticket is assigned
 * unless away, at the open-escalation limit or outside the group. Returns the number of failed checks.
 */
export async function handoffRoutingPart(secret: string, intercomSecret: string): Promise<number> {
  const started = Date.now();
  const apis = await startLocalApis();
  const worker = await startSandboxWorker(apis, {
    secret,
    intercomSecret,
    model: "none",
    vars: {
      DESKMATE_MODE: "autosend",
      DESKMATE_FALLBACK_GROUP_ID: BILLING,
      DESKMATE_GROUP_BY_LOCALE: `es=${SPANISH}`,
      DESKMATE_MAX_OPEN_ESCALATIONS_PER_AGENT: String(LIMIT),
    },
  });
  const { base } = worker;
  let problems = 0;
  try {
    await worker.ready();
    const platforms = [
      zendeskPlatform(apis, secret, base, worker),
      intercomPlatform(apis, intercomSecret, base, worker),
    ];
    const rows: string[][] = [];
    for (const [index, c] of CASES.entries()) {
      // The two platforms have their own sandboxes and agents: each case runs on both at once.
      const results = await Promise.all(
        platforms.map(async (platform) => ({ platform, routed: await platform.route(c, index) })),
      );
      for (const { platform, routed } of results) {
        const assignee = routed.assigneeId === null ? "none" : routed.assigneeId === platform.dana ? "dana" : "other";
        const ok =
          routed.handled?.outcome === "escalate" &&
          routed.groupId === c.group &&
          assignee === c.assignee &&
          routed.note.includes(c.says);
        if (!ok) problems += 1;
        rows.push([
          c.name,
          platform.name,
          describeOutcome(routed.handled),
          `group ${routed.groupId ?? "—"}, assignee ${routed.assigneeId ?? "none"}`,
          routed.customerGot.slice(0, 48),
          routed.note,
          ok ? "ok" : "MISMATCH",
        ]);
      }
    }
    console.log(
      "\nPart 7a — the customer's side of a handoff: routing by language and continuity (own worker, autosend, no model key: every message " +
        `escalates; es → group ${SPANISH}, fallback Billing ${BILLING}, at most ${LIMIT} open escalations per agent)`,
    );
    printTable(
      ["scenario", "platform", "outcome", "routed", "what the customer got", "what the note says (Routing)", "check"],
      rows,
    );
    console.log(`(Routing part took ${((Date.now() - started) / 1000).toFixed(1)} s, worker start included.)`);
  } finally {
    worker.stop();
    apis.close();
  }
  return problems;
}

type Worker = ReturnType<typeof startWorker>;

function zendeskPlatform(apis: Apis, secret: string, base: string, worker: Worker): Platform {
  const { sandbox } = apis;
  sandbox.addGroup(Number(SPANISH), "Soporte ES");
  const agents = {
    dana: SANDBOX.agentId,
    away: sandbox.addAgent("Riley Moss", [Number(BILLING)]).id,
    outside: sandbox.addAgent("Alex Kim", [Number(SUPPORT)]).id,
    busy: sandbox.addAgent("Jordan Lee", [Number(BILLING)]).id,
  };
  sandbox.setAgent(agents.away, { suspended: true });
  for (let i = 0; i < LIMIT; i++) {
    sandbox.addTicket({
      subject: `Waiting ${i + 1}`,
      requesterId: SANDBOX.customerWithoutOrgId,
      assigneeId: agents.busy,
      tags: ["deskmate_escalated"],
      comments: [{ authorId: SANDBOX.customerWithoutOrgId, body: "Still waiting." }],
    });
  }
  return {
    name: "zendesk",
    dana: String(SANDBOX.agentId),
    async route(c, index) {
      const customer = sandbox.addCustomer(`Routing customer ${index + 1}`, c.language ? { locale: c.language } : {});
      if (c.previous)
        sandbox.addTicket({
          subject: "Earlier question",
          requesterId: customer.id,
          status: "solved",
          assigneeId: agents[c.previous.agent],
          comments: [{ authorId: customer.id, body: "Thanks, that fixed it." }],
        });
      const ticket = sandbox.addTicket({
        subject: "Charged twice",
        requesterId: customer.id,
        comments: [{ authorId: customer.id, body: c.message }],
      });
      const payload = ticketCreated({ id: ticket.id, requesterId: customer.id });
      await fetch(`${base}/webhooks/zendesk`, await signedZendeskRequest(payload, { secret }));
      const handled = await worker.waitForEvent(payload.id);
      await settle(() => sandbox.writes().length, 250);
      const after = sandbox.ticket(ticket.id);
      const mine = after.comments.filter((x) => x.author_id === SANDBOX.assistantId);
      return {
        handled,
        groupId: after.group_id === null ? null : String(after.group_id),
        assigneeId: after.assignee_id === null ? null : String(after.assignee_id),
        customerGot: mine.find((x) => x.public)?.body ?? "nothing",
        note: routingOf(mine.find((x) => !x.public)?.html_body ?? ""),
      };
    },
  };
}

function intercomPlatform(apis: Apis, secret: string, base: string, worker: Worker): Platform {
  const { intercom } = apis;
  intercom.addTeam(SPANISH, "Soporte ES");
  const agents = {
    dana: INTERCOM_SANDBOX.humanAdminId,
    away: intercom.addAdmin("Riley Moss", [BILLING]).id,
    outside: intercom.addAdmin("Alex Kim", [SUPPORT]).id,
    busy: intercom.addAdmin("Jordan Lee", [BILLING]).id,
  };
  intercom.setAdmin(agents.away, { away: true });
  for (let i = 0; i < LIMIT; i++) {
    intercom.addConversation({
      contactId: INTERCOM_SANDBOX.contacts.sam,
      adminAssigneeId: agents.busy,
      tags: ["deskmate_escalated"],
      parts: [{ author: "user", body: "Still waiting." }],
    });
  }
  return {
    name: "intercom",
    dana: INTERCOM_SANDBOX.humanAdminId,
    async route(c, index) {
      const contact = intercom.addContact(`Routing customer ${index + 1}`, c.language ? { language: c.language } : {});
      if (c.previous)
        intercom.addConversation({
          contactId: contact.id,
          state: "closed",
          adminAssigneeId: agents[c.previous.agent],
          parts: [{ author: "user", body: "Thanks, that fixed it." }],
        });
      const conversation = intercom.addConversation({
        contactId: contact.id,
        parts: [{ author: "user", body: c.message }],
      });
      const payload = userCreated({ id: conversation.id, contactId: contact.id });
      await fetch(`${base}/webhooks/intercom`, await signedIntercomRequest(payload, { secret }));
      const handled = await worker.waitForEvent(payload.id);
      await settle(() => intercom.writes().length, 250);
      const after = intercom.conversation(conversation.id);
      const mine = after.parts.filter((p) => p.authorId === INTERCOM_SANDBOX.assistantAdminId);
      return {
        handled,
        groupId: after.teamAssigneeId,
        assigneeId: after.adminAssigneeId,
        customerGot: mine.find((p) => p.partType === "comment")?.body ?? "nothing",
        note: routingOf(mine.find((p) => p.partType === "note")?.bodyHtml ?? ""),
      };
    },
  };
}

/** The Routing line of a rendered handoff note (its text after the "Routing" heading). */
function routingOf(noteHtml: string): string {
  const text = htmlToText(noteHtml);
  return /Routed to [^\n]*/.exec(text)?.[0] ?? "no routing line";
}
