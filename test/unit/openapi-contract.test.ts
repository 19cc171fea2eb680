import { describe, expect, it } from "vitest";
import { checkRequestAgainstSpec, expectRequestsMatchSpec, loadApiSpecs } from "../support/openapi-contract.ts";

const specs = loadApiSpecs();
const base = "https://acme.zendesk.com";
const check = (method: string, path: string, body?: unknown) => {
  if (!specs) throw new Error("unreachable: suite is skipped without specs");
  return checkRequestAgainstSpec(specs, { method, url: base + path, ...(body === undefined ? {} : { body }) });
};

const goodUpdate = {
  ticket: {
    comment: { html_body: "<p>note</p>", public: false },
    group_id: 2002,
    priority: "high",
    safe_update: true,
    updated_stamp: "2026-11-23T10:00:00Z",
  },
};

describe.skipIf(!specs)("checkRequestAgainstSpec (Zendesk OpenAPI specs in ../shared/specs)", () => {
  it.each([
    ["PUT", "/api/v2/tickets/101.json", goodUpdate],
    ["GET", "/api/v2/tickets/101.json", undefined],
    ["GET", "/api/v2/users/me.json", undefined],
    ["GET", "/api/v2/users/1001", undefined],
    ["GET", "/api/v2/organizations/5001.json", undefined],
    ["GET", "/api/v2/tickets/101/comments.json?include=users&page%5Bsize%5D=100&sort=-created_at", undefined],
    [
      "GET",
      "/api/v2/search.json?query=type%3Aticket+requester_id%3A1001&sort_by=created_at&sort_order=desc",
      undefined,
    ],
    ["GET", "/api/v2/help_center/articles/search?query=refund", undefined],
    ["PUT", "/api/v2/tickets/101/tags.json", { tags: ["a", "b"] }],
    ["DELETE", "/api/v2/tickets/101/tags.json", { tags: ["a"] }],
    ["GET", "/api/v2/apps/installations.json", undefined],
    [
      "POST",
      "/oauth/tokens",
      { grant_type: "client_credentials", client_id: "id", client_secret: "s", scope: "read write" },
    ],
  ])("accepts %s %s", (method, path, body) => {
    expect(check(method, path, body)).toEqual([]);
  });

  it("reports a method the path does not have", () => {
    expect(check("PATCH", "/api/v2/tickets/101.json", goodUpdate)).toEqual([
      expect.stringMatching(
        /PATCH is not an operation of \/api\/v2\/tickets\/\{ticket_id\} \(the spec has GET, PUT, DELETE\)/,
      ),
    ]);
  });

  it("reports an unknown path", () => {
    expect(check("GET", "/api/v2/tickets/101/frobnicate")).toEqual([expect.stringContaining("no path template")]);
  });

  it("reports a non-integer id where the spec types the parameter as integer", () => {
    expect(check("GET", "/api/v2/tickets/abc")[0]).toContain("must be an integer");
  });

  it("reports body fields of the wrong type or value, with their location", () => {
    const problems = check("PUT", "/api/v2/tickets/101", {
      ticket: { group_id: "2002", priority: "super", comment: { public: "no" }, updated_stamp: "yesterday" },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining("body/ticket/group_id must be integer"),
        expect.stringContaining("body/ticket/priority must be equal to one of the allowed values"),
        expect.stringContaining("body/ticket/comment/public must be boolean"),
        expect.stringContaining('body/ticket/updated_stamp must match format "date-time"'),
      ]),
    );
  });

  it("reports undeclared and missing required query parameters", () => {
    expect(check("GET", "/api/v2/tickets/101/comments?include=users&foo=1")).toEqual([
      expect.stringContaining('"foo" is not declared'),
    ]);
    expect(check("GET", "/api/v2/search?sort_by=created_at")).toEqual([
      expect.stringContaining('required query parameter "query" missing'),
    ]);
  });

  it("checks the documented exceptions against their prose-derived schemas", () => {
    expect(check("DELETE", "/api/v2/tickets/101/tags")).toEqual([expect.stringContaining("requires a JSON body")]);
    expect(check("PUT", "/api/v2/tickets/101/tags", { tags: [1] })).toEqual([
      expect.stringContaining("body/tags/0 must be string"),
    ]);
    expect(check("POST", "/oauth/tokens", { grant_type: "password" })[0]).toContain("client_id");
    expect(check("GET", "/api/v2/apps/installations?secret=1")).toEqual([
      expect.stringContaining('"secret" is not documented'),
    ]);
  });

  it("reports a body sent to an operation that takes none", () => {
    expect(check("GET", "/api/v2/users/me", { x: 1 })).toEqual([expect.stringContaining("takes no JSON request body")]);
  });

  it("expectRequestsMatchSpec throws one readable list", () => {
    expect(() =>
      expectRequestsMatchSpec([
        { method: "GET", url: `${base}/api/v2/users/me.json` },
        { method: "POST", url: `${base}/api/v2/tickets/101/nope`, body: {} },
        { method: "PUT", url: `${base}/api/v2/tickets/101.json`, body: { ticket: { status: "done" } } },
      ]),
    ).toThrow(
      new RegExp(
        "do not match the Zendesk OpenAPI specs:" +
          String.raw`\n {2}- POST \/api\/v2\/tickets\/101\/nope: no path template.*` +
          String.raw`\n {2}- PUT \/api\/v2\/tickets\/101\.json: .*status`,
        "s",
      ),
    );
  });
});

describe.skipIf(!specs)("checkRequestAgainstSpec: attachment downloads are explicit, not waved through", () => {
  const checkUrl = (method: string, url: string, body?: unknown) => {
    if (!specs) throw new Error("unreachable: suite is skipped without specs");
    return checkRequestAgainstSpec(specs, { method, url, ...(body === undefined ? {} : { body }) });
  };

  it.each([
    "https://acme.zendesk.com/attachments/token/tok0001/?name=shot.png",
    "https://acme.zdusercontent.com/attachment/tok0001/shot.png",
    "https://downloads.intercomcdn.com/i/o/tok0002/shot.png?expires=1&signature=x",
    "https://intercom-attachments-7.com/i/o/tok0003/shot.png",
  ])("a GET of the file URL %s passes", (url) => {
    expect(checkUrl("GET", url)).toEqual([]);
  });

  it("anything but a plain GET to a download path is a problem", () => {
    expect(checkUrl("POST", `${base}/attachments/token/tok0001/`, { x: 1 })).toEqual([
      expect.stringContaining("is a file download"),
    ]);
    expect(checkUrl("DELETE", "https://downloads.intercomcdn.com/i/o/tok0002/shot.png")).toEqual([
      expect.stringContaining("only GET without a body"),
    ]);
  });

  it("a path on the account host that is neither a download nor in the specs still fails", () => {
    expect(checkUrl("GET", `${base}/attachments/tok0001/shot.png`)).toEqual([
      expect.stringContaining("no path template"),
    ]);
  });
});
