import { describe, expect, it } from "vitest";
import type { TicketContext } from "../../src/domain/ticket.ts";
import { customerLocale } from "../../src/handoff/customer-locale.ts";
import { mapRequester } from "../../src/platforms/intercom/map-intercom-records.ts";

const contact = { id: "c1", role: "user", name: "Ana", email: "ana@example.test", created_at: 1_700_000_000 };
const context = (requester: ReturnType<typeof mapRequester>): Pick<TicketContext, "requester"> => ({
  requester: { status: "present", value: requester },
});

describe("an Intercom contact's language", () => {
  it("the contact's Messenger language choice is the requester's locale", () => {
    const requester = mapRequester({ ...contact, language_override: "es" }, [], "verified");
    expect(requester.locale).toBe("es");
    expect(customerLocale(context(requester), "ok")).toBe("es");
  });

  it("no choice: no locale, and a short message falls back to English", () => {
    const requester = mapRequester({ ...contact, language_override: null }, [], "verified");
    expect(requester.locale).toBeUndefined();
    expect(customerLocale(context(requester), "ok")).toBe("en");
  });
});
