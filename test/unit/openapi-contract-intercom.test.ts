import { describe, expect, it } from "vitest";
import { checkRequestAgainstSpec, expectRequestsMatchSpec, loadApiSpecs } from "../support/openapi-contract.ts";

const specs = loadApiSpecs();
const base = "https://api.intercom.io";
const pinned = { "intercom-version": "2.16", authorization: "Bearer x" };
const check = (method: string, path: string, body?: unknown, headers: Record<string, string> = pinned) => {
  if (!specs) throw new Error("unreachable: suite is skipped without specs");
  return checkRequestAgainstSpec(specs, { method, url: base + path, headers, ...(body === undefined ? {} : { body }) });
};

describe.skipIf(!specs)("checkRequestAgainstSpec for Intercom (specs/intercom-api-2.16.yaml)", () => {
  it.each([
    ["GET", "/me", undefined],
    ["GET", "/conversations/101?display_as=plaintext", undefined],
    ["POST", "/conversations/101/reply", { message_type: "note", type: "admin", admin_id: "900", body: "<p>x</p>" }],
    [
      "POST",
      "/conversations/101/parts",
      { message_type: "assignment", type: "team", admin_id: "900", assignee_id: "2002" },
    ],
    ["POST", "/conversations/101/parts", { message_type: "close", type: "admin", admin_id: "900" }],
    ["POST", "/conversations/101/parts", { message_type: "open", admin_id: "900" }],
    [
      "POST",
      "/conversations/search",
      {
        query: {
          operator: "AND",
          value: [
            { field: "contact_ids", operator: "=", value: "abc" },
            { field: "created_at", operator: ">", value: 1 },
          ],
        },
        pagination: { per_page: 20 },
      },
    ],
    ["POST", "/tags", { name: "deskmate_escalated" }],
    ["POST", "/conversations/101/tags", { id: "7001", admin_id: "900" }],
    ["DELETE", "/conversations/101/tags/7001", { admin_id: "900" }],
    ["GET", "/contacts/6762f1261bb69f9f2193b001", undefined],
    ["GET", "/contacts/6762f1261bb69f9f2193b001/tags", undefined],
    ["GET", "/contacts/6762f1261bb69f9f2193b001/companies", undefined],
    ["GET", "/articles/search?phrase=refund&state=published", undefined],
  ])("accepts %s %s", (method, path, body) => {
    expect(check(method, path, body)).toEqual([]);
  });

  it("reports bodies the operation's schema refuses", () => {
    expect(
      check("POST", "/conversations/101/reply", {
        message_type: "shout",
        type: "admin",
        admin_id: "900",
        body: "x",
      })[0],
    ).toContain("body");
    expect(
      check("POST", "/conversations/101/parts", { message_type: "assignment", type: "team", admin_id: "900" }).join(),
    ).toContain("assignee_id");
    expect(check("POST", "/conversations/101/tags", { id: "7001" }).join()).toContain("admin_id");
    expect(check("DELETE", "/conversations/101/tags/7001", {}).join()).toContain("admin_id");
  });

  it("reports undeclared query parameters, unknown paths and non-integer conversation ids", () => {
    expect(check("GET", "/articles/search?query=refund")).toEqual([expect.stringContaining('"query" is not declared')]);
    expect(check("GET", "/conversations/101/frobnicate")).toEqual([
      expect.stringContaining("no path template in the Intercom spec"),
    ]);
    expect(check("GET", "/conversations/abc")[0]).toContain("must be an integer");
    // Zendesk paths are not accepted on an Intercom host.
    expect(check("GET", "/api/v2/users/me")[0]).toContain("Intercom spec");
  });

  it("requires the Intercom-Version the project pins", () => {
    expect(check("GET", "/me", undefined, { authorization: "Bearer x" })).toEqual([
      expect.stringContaining("Intercom-Version header missing"),
    ]);
    expect(check("GET", "/me", undefined, { "intercom-version": "2.14" })).toEqual([
      expect.stringContaining('"2.14" is not a version the project pins (2.16)'),
    ]);
    if (!specs) throw new Error("unreachable");
    expect(checkRequestAgainstSpec(specs, { method: "GET", url: `${base}/me` })).toEqual([
      expect.stringContaining("headers were not recorded"),
    ]);
    expect(
      checkRequestAgainstSpec(specs, { method: "GET", url: "https://api.eu.intercom.io/me", headers: pinned }),
    ).toEqual([]);
  });

  it("names the vendor in the thrown list", () => {
    expect(() => expectRequestsMatchSpec([{ method: "GET", url: `${base}/nope`, headers: pinned }])).toThrow(
      /do not match the Intercom OpenAPI specs:\n {2}- GET \/nope/,
    );
  });
});
