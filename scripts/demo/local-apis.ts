import { once } from "node:events";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { getResponse } from "msw";
import { createAnthropicMock } from "../../test/support/anthropic-mock.ts";
import { recordedReply } from "../../test/support/scenarios.ts";
import { createZendeskSandbox } from "../../test/support/zendesk-sandbox.ts";

/**
 * One loopback HTTP server for the demo: the sandbox Zendesk API and a Claude Messages API that
 * replays the recorded model outputs of the scenario suite (used only when no API key is set).
 */
export async function startLocalApis() {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const sandbox = createZendeskSandbox({ baseUrl: url });
  const anthropic = createAnthropicMock({ baseUrl: url });
  anthropic.setFallback(recordedReply);
  // The Anthropic handlers go first: the sandbox ends with a catch-all 404 for its base URL.
  const handlers = [...anthropic.handlers, ...sandbox.handlers];
  const server = createServer(async (req, res) => {
    const response = (await getResponse(handlers, await toRequest(req, url))) ?? Response.json({ error: "not in sandbox" }, { status: 404 });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  server.listen(port, "127.0.0.1");
  await once(server, "listening");
  return { sandbox, anthropic, server, url };
}

async function toRequest(req: IncomingMessage, base: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const body = chunks.length && req.method !== "GET" && req.method !== "HEAD" ? Buffer.concat(chunks) : undefined;
  return new Request(new URL(req.url ?? "/", base), { method: req.method ?? "GET", headers, ...(body ? { body } : {}) });
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  server.close();
  return port;
}
