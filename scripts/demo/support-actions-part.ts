import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { ACTIONS_TOKEN } from "../../test/support/actions-backend.ts";
import { modelReplies, sampleModelOutput, type ModelReply } from "../../test/support/anthropic-mock.ts";
import { signedZendeskRequest } from "../../test/support/signed-zendesk-request.ts";
import { ticketCreated } from "../../test/support/zendesk-events.ts";
import { describeOutcome, printTable, settle } from "./format.ts";
import type { startLocalApis } from "./local-apis.ts";
import { startSandboxWorker } from "./sandbox-worker.ts";

type Apis = Awaited<ReturnType<typeof startLocalApis>>;

interface ActionCase {
  name: string;
  message: string;
  replies: ModelReply[];
}

const CASES: ActionCase[] = [
  {
    name: "answer with a cited, current help-center source",
    message: "How long do I have to return an opened headset for a refund, and is there a fee?",
    replies: [
      modelReplies.output(
        sampleModelOutput({
          reply:
            "You can request a refund within 30 days of purchase. Opened hardware returns carry a $25 restocking fee.",
          cited_source_ids: ["zd-article:360001001#1"],
        }),
      ),
    ],
  },
  {
    name: "read action feeding the answer (order_status)",
    message: "Where is my order A-1001?",
    replies: [
      modelReplies.toolUse([{ name: "order_status", input: { order_id: "A-1001" } }]),
      modelReplies.output(
        sampleModelOutput({
          intent_category: "order_shipping",
          reply: "Your order A-1001 has shipped with DHL and should arrive on 2026-11-26.",
          cited_source_ids: ["action:order_status:1"],
        }),
      ),
    ],
  },
  {
    name: "write action run once (resend verification email)",
    message: "I never got the verification email, can you send it again?",
    replies: [
      modelReplies.output(
        sampleModelOutput({
          intent_category: "account_access",
          outcome: "act",
          reply: "I've sent you a new verification email.",
          cited_source_ids: [],
          action: { name: "resend_verification_email", parameters: {} },
        }),
      ),
    ],
  },
  {
    name: "refund over the approval threshold (80 > 50)",
    message: "My headset arrived broken, please refund 80 for order A-1001.",
    replies: [
      modelReplies.output(
        sampleModelOutput({
          outcome: "act",
          reply: "I've refunded your order.",
          cited_source_ids: [],
          action: { name: "refund", parameters: { order_id: "A-1001", amount: 80, reason: "damaged" } },
        }),
      ),
    ],
  },
];

/**
 * Part 5: support actions, on a third worker in autosend (actions run only in autosend) with the
 * sandbox backend. Model outputs for these cases are always the recorded ones. Then the adversarial
 * suite (customers and a "complying" model trying to get past the policy layer).
 */
export async function supportActionsPart(apis: Apis, secret: string): Promise<number> {
  const worker = await startSandboxWorker(apis, {
    secret,
    vars: {
      DESKMATE_MODE: "autosend",
      DESKMATE_ACTIONS_BASE_URL: apis.actionsUrl,
      DESKMATE_ACTIONS_TOKEN: ACTIONS_TOKEN,
    },
  });
  const { base } = worker;
  let problems = 0;
  try {
    await worker.ready();
    const rows: string[][] = [];
    for (const c of CASES) {
      // A verified customer of the sandbox backend (orders and invoices are keyed on this email and id).
      const customer = apis.sandbox.addCustomer("Dana Customer", {
        email: "dana@example.com",
        external_id: "cus_dana",
        verified: true,
      });
      const ticket = apis.sandbox.addTicket({
        subject: "Support",
        requesterId: customer.id,
        comments: [{ authorId: customer.id, body: c.message }],
      });
      const backendBefore = apis.actions.requests.length;
      const modelBefore = apis.anthropic.requests.length;
      apis.anthropic.answerNext(...c.replies);
      const payload = ticketCreated({ id: ticket.id, requesterId: customer.id });
      await fetch(`${base}/webhooks/zendesk`, await signedZendeskRequest(payload, { secret }));
      const handled = await worker.waitForEvent(payload.id);
      await settle(() => apis.sandbox.writes().length, 250);
      const backend = apis.actions.requests.slice(backendBefore).map((r) => `${r.method} ${r.path}`);
      const reply =
        apis.sandbox
          .ticket(ticket.id)
          .comments.filter((x) => x.public && x.author_id === 900)
          .at(-1)?.body ?? "—";
      rows.push([
        c.name,
        describeOutcome(handled),
        backend.join("; ") || "none",
        String(apis.anthropic.requests.length - modelBefore),
        // The first reply on a ticket opens with the AI disclosure; show what follows it.
        (reply.split("\n\n")[1] ?? reply).split("\n")[0]?.slice(0, 60) ?? "",
      ]);
      if (!handled) problems += 1;
    }
    console.log("\nPart 5 — support actions (third worker, mode autosend, sandbox backend; recorded model outputs)");
    printTable(
      [
        "case",
        "outcome + reasons",
        "calls to the company backend",
        "model calls",
        "public reply (after the disclosure)",
      ],
      rows,
    );
    console.log(
      `Refunds executed: ${apis.actions.refunds.length}; verification emails ` +
        `sent: ${apis.actions.verificationEmailsSent.length}. Tool-call budget ` +
        `per message: 3 read calls, 1 write.`,
    );
  } finally {
    worker.stop();
  }

  const root = new URL("../..", import.meta.url).pathname;
  const run = spawnSync(
    join(root, "node_modules/.bin/vitest"),
    ["run", "--config", "test/vitest.config.ts", "test/integration/adversarial.test.ts"],
    {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    },
  );
  const summary = `${run.stdout}${run.stderr}`.split("\n").filter((l) => l.includes("adversarial:"));
  console.log(
    "\nAdversarial suite (prompt injection, other customers' data, " +
      "over-limit refunds, leaks; the mocked model complies):",
  );
  for (const line of summary) console.log(`  ${line.trim()}`);
  if (run.status !== 0) problems += 1;
  return problems;
}
