import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createConnection } from "node:net";

/**
 * Speaks Upstash's REST protocol (upstash.com/docs/redis/features/restapi) in front of a real
 * redis-server, so the store's REST client can be tested against real Redis semantics. Wire details
 * follow Upstash's REST API: every request is a POST; `/` takes one command as a JSON array,
 * `/pipeline` and `/multi-exec` an array of commands; `Upstash-Encoding: base64` asks for string
 * results in base64 (the official SDK's default; the store's client sends plain strings, one per POST).
 */
export interface UpstashBridge {
  url: string;
  close(): Promise<void>;
}

type Arg = string | number | boolean;
/** Simple strings as string, bulk strings as Buffer (bytes as Redis holds them). */
type Reply = string | Buffer | number | null | RedisError | Reply[];

class RedisError {
  readonly message: string;
  constructor(message: string) {
    this.message = message;
  }
}

export async function startUpstashBridge(options: BridgeOptions): Promise<UpstashBridge> {
  const server = createServer((req, res) => {
    handle(req, res, options).catch((error: unknown) => send(res, 500, { error: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections(); // fetch keeps connections alive; do not wait for them
      }),
  };
}

interface BridgeOptions {
  redisPort: number;
  token: string;
}

async function handle(req: IncomingMessage, res: ServerResponse, options: BridgeOptions): Promise<void> {
  if (req.headers.authorization !== `Bearer ${options.token}`) return send(res, 401, { error: "Unauthorized" });
  const path = new URL(req.url ?? "/", "http://bridge").pathname;
  if (req.method !== "POST" || !["/", "/pipeline", "/multi-exec"].includes(path)) {
    return send(res, 404, { error: `unsupported ${req.method} ${path}` });
  }
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return send(res, 400, { error: "ERR failed to parse command" });
  }
  const base64 = String(req.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
  const toJson = (reply: Reply) =>
    reply instanceof RedisError ? { error: reply.message } : { result: encode(reply, base64) };

  if (path === "/") {
    if (!isCommand(body)) return send(res, 400, { error: "ERR expected a command as a JSON array" });
    const [reply] = await redis(options.redisPort, [body]);
    if (reply instanceof RedisError) return send(res, 400, { error: reply.message });
    return send(res, 200, toJson(reply ?? null));
  }
  if (!Array.isArray(body) || body.length === 0 || !body.every(isCommand)) {
    return send(res, 400, { error: "ERR expected an array of commands" });
  }
  if (path === "/pipeline") return send(res, 200, (await redis(options.redisPort, body)).map(toJson));
  // MULTI, the commands, EXEC on one connection; a queueing error aborts the whole transaction.
  const replies = await redis(options.redisPort, [["MULTI"], ...body, ["EXEC"]]);
  const exec = replies[replies.length - 1];
  if (exec instanceof RedisError) return send(res, 400, { error: exec.message });
  return send(res, 200, (Array.isArray(exec) ? exec : []).map(toJson));
}

function isCommand(value: unknown): value is Arg[] {
  const scalar = (v: unknown) => typeof v === "string" || typeof v === "number" || typeof v === "boolean";
  return Array.isArray(value) && value.length > 0 && value.every(scalar);
}

/**
 * Strings in base64 when asked, recursively in arrays. A plain "OK" status stays as is, as Upstash
 * sends it (the SDK's decoder special-cases "OK").
 */
function encode(reply: Exclude<Reply, RedisError>, base64: boolean): unknown {
  if (reply === null || typeof reply === "number") return reply;
  if (typeof reply === "string") return base64 && reply !== "OK" ? Buffer.from(reply).toString("base64") : reply;
  if (Array.isArray(reply)) return reply.map((item) => (item instanceof RedisError ? null : encode(item, base64)));
  return reply.toString(base64 ? "base64" : "utf8");
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

/** Send commands on a fresh connection and collect exactly one reply per command. */
function redis(port: number, commands: Arg[][]): Promise<Reply[]> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: "127.0.0.1", port });
    let buffer = Buffer.alloc(0);
    const replies: Reply[] = [];
    socket.on("error", reject);
    socket.on("close", () => {
      if (replies.length < commands.length) reject(new Error("redis closed the connection before replying"));
    });
    socket.on("connect", () => socket.write(Buffer.concat(commands.map(respCommand))));
    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      let parsed = parseReply(buffer, 0);
      while (parsed) {
        replies.push(parsed.reply);
        buffer = buffer.subarray(parsed.end);
        parsed = replies.length < commands.length ? parseReply(buffer, 0) : null;
      }
      if (replies.length === commands.length) {
        socket.end();
        resolve(replies);
      }
    });
  });
}

function respCommand(args: Arg[]): Buffer {
  const parts = args.map((arg) => Buffer.from(String(arg), "utf8"));
  const head = `*${parts.length}\r\n`;
  const crlf = Buffer.from("\r\n");
  return Buffer.concat([Buffer.from(head), ...parts.flatMap((p) => [Buffer.from(`$${p.length}\r\n`), p, crlf])]);
}

/** Parse one RESP2 reply at `start`; null when the buffer does not hold all of it yet. */
function parseReply(buf: Buffer, start: number): { reply: Reply; end: number } | null {
  const lineEnd = buf.indexOf("\r\n", start);
  if (lineEnd < 0) return null;
  const line = buf.toString("utf8", start + 1, lineEnd);
  const next = lineEnd + 2;
  switch (String.fromCharCode(buf[start] ?? 0)) {
    case "+":
      return { reply: line, end: next };
    case "-":
      return { reply: new RedisError(line), end: next };
    case ":":
      return { reply: Number(line), end: next };
    case "$": {
      const length = Number(line);
      if (length < 0) return { reply: null, end: next };
      if (buf.length < next + length + 2) return null;
      return { reply: Buffer.from(buf.subarray(next, next + length)), end: next + length + 2 };
    }
    case "*": {
      const count = Number(line);
      if (count < 0) return { reply: null, end: next };
      const items: Reply[] = [];
      let end = next;
      for (let i = 0; i < count; i++) {
        const item = parseReply(buf, end);
        if (!item) return null;
        items.push(item.reply);
        end = item.end;
      }
      return { reply: items, end };
    }
    default:
      throw new Error(`unexpected RESP type byte ${buf[start]}`);
  }
}
