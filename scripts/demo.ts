/**
 * Local demo: starts a sandbox Zendesk API and the real worker under `wrangler dev` (in-memory store,
 * local queue, embedded defaults), sends signed sample webhooks, and prints what reached the helpdesk.
 * No accounts or keys needed. Run with `npm run demo`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getResponse } from "msw";
import { signedZendeskRequest } from "../test/support/signed-zendesk-request.ts";
import { commentAdded, ticketCreated } from "../test/support/zendesk-events.ts";
import { createZendeskSandbox } from "../test/support/zendesk-sandbox.ts";

const SECRET = "deskmate-demo-signing-secret";
const root = new URL("..", import.meta.url).pathname;

interface Scenario {
  name: string;
  expect: string;
  payload: () => unknown;
  options?: Parameters<typeof signedZendeskRequest>[1];
}

async function main(): Promise<void> {
  const sandboxHttp = await startSandboxServer();
  const { sandbox, url: sandboxUrl } = sandboxHttp;
  const workerPort = await freePort();
  const persist = mkdtempSync(join(tmpdir(), "deskmate-demo-"));
  const worker = startWorker(workerPort, sandboxUrl, persist);
  const cleanup = () => {
    worker.child.kill("SIGTERM");
    sandboxHttp.server.close();
    rmSync(persist, { recursive: true, force: true });
  };
  process.on("SIGINT", () => {
    cleanup();
    process.exit(130);
  });
  try {
    const base = `http://127.0.0.1:${workerPort}`;
    await waitForHealth(base, worker);
    console.log(`Deskmate worker on ${base} (wrangler dev, local queue, in-memory store, mode: draft)`);
    console.log(`Sandbox Zendesk API on ${sandboxUrl}\n`);

    const t101 = sandbox.ticket(101);
    const t102 = sandbox.ticket(102);
    const t104 = sandbox.ticket(104);
    const createdInvocation = crypto.randomUUID();
    const created = ticketCreated({ id: 101, requesterId: t101.requester_id, organizationId: t101.organization_id, subject: t101.subject });
    const scenarios: Scenario[] = [
      { name: "new ticket #101 (refund question)", expect: "escalate: handoff note + tags", payload: () => created, options: { invocationId: createdInvocation } },
      { name: "same delivery again", expect: "duplicate: nothing", payload: () => created, options: { invocationId: createdInvocation } },
      {
        name: "Deskmate's own note on #101",
        expect: "skip own_comment",
        payload: () => commentAdded({ id: 101, requesterId: t101.requester_id }, { id: 99_001, authorId: 900, isStaff: true, isPublic: false }),
      },
      {
        name: "customer reply on #102 (agent already answered)",
        expect: "skip human_owned",
        payload: () => commentAdded({ id: 102, requesterId: t102.requester_id }, { id: 99_002, authorId: t102.requester_id, isStaff: false }),
      },
      {
        name: "new ticket #104 (opt-out tag)",
        expect: "skip opted_out",
        payload: () => ticketCreated({ id: 104, requesterId: t104.requester_id, tags: t104.tags }),
      },
      {
        name: "forged signature",
        expect: "401, nothing",
        payload: () => created,
        options: { secret: "not-the-secret" },
      },
    ];

    const rows: string[][] = [];
    for (const scenario of scenarios) {
      const before = sandbox.writes().length;
      const payload = scenario.payload();
      const eventId = (payload as { id: string }).id;
      const init = await signedZendeskRequest(payload, { secret: SECRET, ...scenario.options });
      const response = await fetch(`${base}/webhooks/zendesk`, init);
      const answer = (await response.json()) as { status?: string; error?: string };
      const handled = response.status === 202 ? await worker.waitForEvent(eventId) : undefined;
      await settle(() => sandbox.writes().length, 300);
      const writes = sandbox.writes().slice(before).map(describeWrite);
      rows.push([
        scenario.name,
        `${response.status} ${answer.status ?? answer.error ?? ""}`,
        handled ? `${handled.outcome} ${(handled.reasons ?? []).join(",")}` : "—",
        writes.join("; ") || "none",
      ]);
    }
    printTable(["scenario", "webhook answer", "outcome", "writes at the helpdesk"], rows);

    const note = sandbox.ticket(101).comments.find((c: { public: boolean; html_body?: string; body?: string }) => !c.public);
    if (note) {
      console.log("\nInternal note on #101 as an agent sees it:\n");
      console.log(indent(htmlToText(note.html_body ?? note.body ?? "")));
    }
    console.log(`\nTags on #101: ${sandbox.ticket(101).tags.join(", ")}`);
    const readCount = sandbox.requests.filter((r) => r.method === "GET").length;
    console.log(`Helpdesk reads: ${readCount}, writes: ${sandbox.writes().length}. Nothing was sent to the customer (mode draft).`);
  } finally {
    cleanup();
  }
}

interface HandledLine {
  event_id?: string;
  outcome?: string;
  reasons?: string[];
}

function startWorker(port: number, sandboxUrl: string, persistTo: string) {
  const vars: Record<string, string> = {
    ZENDESK_SUBDOMAIN: "acme",
    ZENDESK_API_URL: sandboxUrl,
    ZENDESK_OAUTH_CLIENT_ID: "deskmate-demo",
    ZENDESK_OAUTH_CLIENT_SECRET: "demo-client-secret",
    ZENDESK_WEBHOOK_SECRET: SECRET,
    DESKMATE_MODE: "draft",
  };
  const args = ["dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", persistTo, "--log-level", "log", "--show-interactive-dev-session=false"];
  for (const [k, v] of Object.entries(vars)) args.push("--var", `${k}:${v}`);
  const child = spawn(join(root, "node_modules/.bin/wrangler"), args, {
    cwd: root,
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true", NO_COLOR: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const handled = new Map<string, HandledLine>();
  const waiters = new Map<string, (line: HandledLine) => void>();
  let output = "";
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const raw of chunk.toString().split("\n")) {
      const start = raw.indexOf("{");
      if (start < 0) continue;
      try {
        const line = JSON.parse(raw.slice(start)) as HandledLine & { msg?: string };
        if (line.msg === "event handled" && line.event_id) {
          handled.set(line.event_id, line);
          waiters.get(line.event_id)?.(line);
        }
      } catch {
        // not a JSON log line
      }
    }
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  return {
    child,
    output: () => output,
    waitForEvent: (eventId: string, timeoutMs = 15_000) =>
      new Promise<HandledLine | undefined>((resolve) => {
        const seen = handled.get(eventId);
        if (seen) return resolve(seen);
        const timer = setTimeout(() => resolve(undefined), timeoutMs);
        waiters.set(eventId, (line) => {
          clearTimeout(timer);
          resolve(line);
        });
      }),
  };
}

async function waitForHealth(base: string, worker: { child: ChildProcess; output: () => string }): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (worker.child.exitCode !== null) throw new Error(`wrangler dev exited:\n${worker.output()}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the worker did not start within 60 s:\n${worker.output()}`);
}

async function startSandboxServer() {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const sandbox = createZendeskSandbox({ baseUrl: url });
  const server: Server = createServer(async (req, res) => {
    const request = await toRequest(req, url);
    const response = (await getResponse(sandbox.handlers, request)) ?? Response.json({ error: "not in sandbox" }, { status: 404 });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  server.listen(port, "127.0.0.1");
  await once(server, "listening");
  return { sandbox, server, url };
}

async function toRequest(req: IncomingMessage, base: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const body = chunks.length && req.method !== "GET" && req.method !== "HEAD" ? Buffer.concat(chunks) : undefined;
  return new Request(new URL(req.url ?? "/", base), { method: req.method ?? "GET", headers, ...(body ? { body } : {}) });
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  server.close();
  return port;
}

async function settle(count: () => number, quietMs: number): Promise<void> {
  let last = count();
  for (;;) {
    await new Promise((r) => setTimeout(r, quietMs));
    const now = count();
    if (now === last) return;
    last = now;
  }
}

function describeWrite(r: { method: string; path: string; body?: unknown }): string {
  const body = (r.body ?? {}) as { ticket?: Record<string, unknown>; tags?: string[] };
  if (r.path.endsWith("/tags")) return `${r.method} tags [${(body.tags ?? []).join(", ")}]`;
  const t = body.ticket ?? {};
  const comment = t.comment as { public?: boolean } | undefined;
  const parts = [comment ? (comment.public ? "public reply" : "internal note") : null, t.group_id ? `group ${t.group_id}` : null, t.priority ? `priority ${t.priority}` : null];
  return `${r.method} ticket (${parts.filter(Boolean).join(", ") || "fields"})`;
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(" | ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("-|-"));
  for (const row of rows) console.log(line(row));
}

function htmlToText(html: string): string {
  return html
    .replace(/<\/(p|li|blockquote)>|<br>/g, "\n")
    .replace(/<li>/g, "  • ")
    .replace(/<[^>]+>/g, "")
    .replace(/&gt;/g, ">")
    .replace(/&lt;/g, "<")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\n{2,}/g, "\n")
    .trim();
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
