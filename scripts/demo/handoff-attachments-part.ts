import {
  ATTACHMENT_SCENARIOS,
  recordedAttachmentReply,
  stageIntercomAttachmentScenario,
  stageZendeskAttachmentScenario,
} from "../../test/support/attachment-scenarios.ts";
import { signedIntercomRequest } from "../../test/support/signed-intercom-request.ts";
import { signedZendeskRequest } from "../../test/support/signed-zendesk-request.ts";
import { ticketCreated } from "../../test/support/zendesk-events.ts";
import { describeOutcome, htmlToText, printTable, settle } from "./format.ts";
import { startLocalApis } from "./local-apis.ts";
import { startSandboxWorker } from "./sandbox-worker.ts";

type Apis = Awaited<ReturnType<typeof startLocalApis>>;

interface Seen {
  handled: { outcome?: string; reasons?: string[] } | undefined;
  customer: string;
  note: string;
  images: number;
}

/** What each scenario must show, beyond its outcome: one line of the customer's reply or of the note. */
const MUST: Array<(seen: Seen) => boolean> = [
  (s) => s.images === 1 && s.customer.includes("A-10442"),
  (s) => s.images === 1 && !/refund approved|\$500/i.test(s.customer) && s.note.includes("read by the assistant"),
  (s) => s.images === 0 && s.note.includes("listed, not opened") && s.note.includes("refused (too large"),
];

/**
 * The customer's side of a handoff — screenshots and attachments: a screenshot read into a
 * grounded answer, an image carrying injected instructions, and files refused or only listed, on both
 * platforms, on a worker of its own in autosend with the recorded model outputs. Returns the checks
 * that failed.
 */
export async function handoffAttachmentsPart(secret: string, intercomSecret: string): Promise<number> {
  const started = Date.now();
  const apis = await startLocalApis();
  apis.anthropic.setFallback(recordedAttachmentReply);
  const worker = await startSandboxWorker(apis, { secret, intercomSecret, vars: { DESKMATE_MODE: "autosend" } });
  const { base } = worker;
  let problems = 0;
  try {
    await worker.ready();
    const rows: string[][] = [];
    for (const [index, scenario] of ATTACHMENT_SCENARIOS.entries()) {
      for (const platform of ["zendesk", "intercom"] as const) {
        const calls = apis.anthropic.requests.length;
        const seen =
          platform === "zendesk"
            ? await runZendesk(apis, base, secret, worker.waitForEvent, index)
            : await runIntercom(apis, base, intercomSecret, worker.waitForEvent, index);
        seen.images = apis.anthropic.requests.slice(calls).reduce((n, call) => n + call.images.length, 0);
        const outcome = describeOutcome(seen.handled);
        const expected = `${scenario.expect.outcome} ${scenario.expect.reasons.join(",")}`.trim();
        const ok = outcome === expected && (MUST[index]?.(seen) ?? false);
        if (!ok) problems += 1;
        rows.push([
          scenario.name,
          platform,
          outcome,
          String(seen.images),
          clip(seen.customer, 70),
          clip(attachmentLines(seen.note), 170),
          ok ? "ok" : "MISMATCH",
        ]);
      }
    }
    console.log("\nPart 7e — screenshots and attachments " + "(own worker, mode autosend, recorded model outputs)");
    printTable(
      [
        "scenario",
        "platform",
        "outcome + reasons",
        "images sent",
        "what the customer got",
        "what the note says",
        "check",
      ],
      rows,
    );
    console.log(
      `Screenshots and attachments took ${Math.round((Date.now() - started) / 1000)} s; ${problems} check(s) failed.`,
    );
  } finally {
    worker.stop();
    apis.close();
  }
  return problems;
}

type WaitForEvent = (id: string, timeoutMs?: number) => Promise<Seen["handled"]>;

async function runZendesk(apis: Apis, base: string, secret: string, wait: WaitForEvent, index: number) {
  const scenario = ATTACHMENT_SCENARIOS[index]!;
  const { ticketId, requesterId } = stageZendeskAttachmentScenario(apis.sandbox, scenario, 100 + index);
  const payload = ticketCreated({ id: ticketId, requesterId });
  await fetch(`${base}/webhooks/zendesk`, await signedZendeskRequest(payload, { secret }));
  const handled = await wait(payload.id);
  await settle(() => apis.sandbox.writes().length, 250);
  const written = apis.sandbox.ticket(ticketId).comments.slice(1);
  return {
    handled,
    customer: afterDisclosure(written.filter((c) => c.public).at(-1)?.body ?? "—"),
    note: htmlToText(written.filter((c) => !c.public).at(-1)?.html_body ?? ""),
    images: 0,
  };
}

async function runIntercom(apis: Apis, base: string, secret: string, wait: WaitForEvent, index: number) {
  const scenario = ATTACHMENT_SCENARIOS[index]!;
  const { conversationId, payload } = stageIntercomAttachmentScenario(apis.intercom, scenario, 200 + index);
  await fetch(`${base}/webhooks/intercom`, await signedIntercomRequest(payload, { secret }));
  const handled = await wait(payload.id);
  await settle(() => apis.intercom.writes().length, 250);
  const written = apis.intercom.conversation(conversationId).parts.slice(1);
  return {
    handled,
    customer: afterDisclosure(written.filter((p) => p.partType === "comment").at(-1)?.body ?? "—"),
    note: htmlToText(written.filter((p) => p.partType === "note").at(-1)?.bodyHtml ?? ""),
    images: 0,
  };
}

/** The note's Attachments section, one file per "; ". */
function attachmentLines(note: string): string {
  const lines = note.split("\n").map((l) => l.trim());
  const start = lines.findIndex((l) => l.startsWith("Attachments"));
  if (start < 0) return "—";
  return lines
    .slice(start + 1)
    .filter((l) => l.startsWith("•"))
    .map((l) => l.replace(/^•\s*/, ""))
    .join("; ");
}

/** The first reply on a conversation opens with the AI disclosure paragraph; the table shows what follows it. */
function afterDisclosure(reply: string): string {
  const paragraphs = reply.split(/\n+/);
  const rest = paragraphs.length > 1 && /AI assistant/.test(paragraphs[0] ?? "") ? paragraphs.slice(1) : paragraphs;
  return rest.join(" ").replace(/\s+/g, " ");
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
