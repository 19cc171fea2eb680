import { once } from "node:events";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getResponse, type RequestHandler } from "msw";
import { ACTIONS_BASE_URL, createActionsBackend } from "../../test/support/actions-backend.ts";
import { createAnthropicMock } from "../../test/support/anthropic-mock.ts";
import { recordedReply } from "../../test/support/scenarios.ts";
import { createIntercomSandbox } from "../../test/support/intercom-sandbox.ts";
import { createZendeskSandbox } from "../../test/support/zendesk-sandbox.ts";

/**
 * Loopback HTTP servers for the demo: the sandbox Zendesk API with a Claude Messages API that replays
 * the recorded model outputs of the scenario suite (used only when no API key is set), and the
 * sandbox Intercom API.
 */
export async function startLocalApis() {
  const zendeskPort = await freePort();
  const url = `http://127.0.0.1:${zendeskPort}`;
  // The sandbox's clock can be moved forward (never back) for the demo's simulated week: comments,
  // solves and ratings then carry the days the story says, as they would in a real account.
  let offsetMs = 0;
  // Attachments are served on loopback too (in production: Zendesk's storage host, Intercom's download hosts).
  const sandbox = createZendeskSandbox({
    baseUrl: url,
    storageBaseUrl: url,
    now: () => new Date(Date.now() + offsetMs),
  });
  const anthropic = createAnthropicMock({ baseUrl: url });
  anthropic.setFallback(recordedReply);
  // The Anthropic handlers go first: the sandbox ends with a catch-all 404 for its base URL.
  const server = await serve(zendeskPort, [...anthropic.handlers, ...sandbox.handlers]);

  const intercomPort = await freePort();
  const intercomUrl = `http://127.0.0.1:${intercomPort}`;
  const intercom = createIntercomSandbox({ baseUrl: intercomUrl, downloadBaseUrl: intercomUrl });
  const intercomServer = await serve(intercomPort, intercom.handlers);

  // The company's own backend for support actions (orders, invoices, verification emails, refunds).
  const actionsPort = await freePort();
  const actions = createActionsBackend();
  const actionsServer = await serve(actionsPort, actions.handlers, new URL(ACTIONS_BASE_URL).origin);
  return {
    /** The worker variables that connect it to the sandbox Zendesk account. */
    zendeskVars: (webhookSecret: string): Record<string, string> => ({
      ZENDESK_SUBDOMAIN: "acme",
      ZENDESK_API_URL: url,
      ZENDESK_OAUTH_CLIENT_ID: "deskmate-demo",
      ZENDESK_OAUTH_CLIENT_SECRET: "demo-client-secret",
      ZENDESK_WEBHOOK_SECRET: webhookSecret,
    }),
    sandbox,
    /** Sets the sandbox Zendesk's clock to this instant (epoch ms); its stamps never go back. */
    setSandboxTime: (ms: number) => {
      offsetMs = Math.max(offsetMs, ms - Date.now());
    },
    anthropic,
    url,
    intercom,
    intercomUrl,
    actions,
    actionsUrl: `http://127.0.0.1:${actionsPort}${new URL(ACTIONS_BASE_URL).pathname}`,
    close: () => {
      server.close();
      intercomServer.close();
      actionsServer.close();
    },
  };
}

/** `origin`: the origin the handlers expect, when it is not the loopback address itself. */
async function serve(port: number, handlers: RequestHandler[], origin?: string): Promise<Server> {
  const base = origin ?? `http://127.0.0.1:${port}`;
  const server = createServer(async (req, res) => {
    const response =
      (await getResponse(handlers, await toRequest(req, base))) ??
      Response.json({ error: "not in sandbox" }, { status: 404 });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  server.listen(port, "127.0.0.1");
  await once(server, "listening");
  return server;
}

async function toRequest(req: IncomingMessage, base: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const body = chunks.length && req.method !== "GET" && req.method !== "HEAD" ? Buffer.concat(chunks) : undefined;
  return new Request(new URL(req.url ?? "/", base), {
    method: req.method ?? "GET",
    headers,
    ...(body ? { body } : {}),
  });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  server.close();
  return port;
}
