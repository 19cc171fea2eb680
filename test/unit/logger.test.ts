import { describe, expect, it } from "vitest";
import { createMemoryLogger } from "../../src/lib/logger.ts";

describe("logger", () => {
  it("redacts content and credential fields", () => {
    const { logger, lines } = createMemoryLogger();
    logger.child({ delivery_id: "d1" }).info("x", { body: "secret text", requester_email: "a@b.c", context: "ok" });
    expect(lines[0]).toMatchObject({
      delivery_id: "d1",
      body: "[redacted]",
      requester_email: "[redacted]",
      context: "ok",
    });
  });
});
