import { describe, expect, it } from "vitest";
import { DAY, decision, event, HOUR, T0 } from "../support/ledger-rows.ts";
import { consoleClient, pageMetrics } from "../support/console-client.ts";

const zd = (ticketId: string) => ({ platform: "zendesk" as const, account: "acme", ticketId });
const ACME = "platform=zendesk&account=acme&from=2026-03-02&to=2026-03-08";

/** Two answered tickets, both solved; one reopened on day 2. What is known depends on when you ask. */
function week() {
  return {
    decisions: [decision(zd("1")), decision(zd("2"))],
    events: [
      event("solved", 2 * HOUR, zd("1")),
      event("solved", 3 * HOUR, zd("2")),
      event("reopened", 2 * DAY, zd("2")),
    ],
  };
}

const iso = (offsetMs: number) => new Date(T0 + offsetMs).toISOString();

describe("console as_of", () => {
  it("computes every page's numbers as of the instant asked, equal to GET /admin/metrics?as_of", async () => {
    const { get, api, signIn } = await consoleClient(week());
    const { cookie } = await signIn();
    const seen: Array<Record<string, string>> = [];
    for (const asOf of [iso(4 * HOUR), iso(12 * DAY)]) {
      const query = `${ACME}&as_of=${encodeURIComponent(asOf)}`;
      const metrics = (await (await api(`/admin/metrics?${query}`)).json()) as {
        tickets: Record<string, number>;
      };
      for (const path of ["/admin", "/admin/escalations"]) {
        const res = await get(`${path}?${query}`, cookie);
        expect(res.status).toBe(200);
        const page = await res.text();
        const shown = `${asOf.slice(0, 16).replace("T", " ")} UTC`;
        expect(page).toContain(`Computed as of <time datetime="${asOf}">${shown}</time>`);
        // The filter form keeps the instant, and the nav carries it to the next page.
        expect(page).toContain(`<input type="hidden" name="as_of" value="${asOf}">`);
        const carried = `${ACME}&as_of=${encodeURIComponent(asOf)}`.replaceAll("&", "&amp;");
        expect(page).toContain(`href="/admin/knowledge?${carried}"`);
        if (path === "/admin") {
          const shown = pageMetrics(page);
          for (const name of ["handled", "ai_resolved", "reopened", "false_resolutions"]) {
            expect(shown[`tickets.${name}`]).toBe(String(metrics.tickets[name]));
          }
          seen.push(shown);
        }
      }
    }
    // Four hours in, the reopen has not happened yet; twelve days in, it has.
    expect(seen[0]?.["tickets.reopened"]).toBe("0");
    expect(seen[1]?.["tickets.reopened"]).toBe("1");
  });

  it("names a bad as_of and says how to write it", async () => {
    const { get, signIn } = await consoleClient(week());
    const res = await get(`/admin?${ACME}&as_of=yesterday`, (await signIn()).cookie);
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('<a href="#filter-as_of">as_of</a>: an ISO-8601 instant with a time zone');
    expect(page).not.toContain("Computed as of");
  });

  it("keeps nav links bare of as_of when the report is as of now", async () => {
    const { get, signIn } = await consoleClient(week());
    const page = await (await get(`/admin?${ACME}`, (await signIn()).cookie)).text();
    expect(page).not.toContain("Computed as of");
    expect(page).toContain(`href="/admin/csat?${ACME.replaceAll("&", "&amp;")}"`);
  });
});
