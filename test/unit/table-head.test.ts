import { html } from "hono/html";
import { describe, expect, it } from "vitest";
import { tableHead } from "../../src/http/console/table-head.ts";

describe("tableHead", () => {
  it("writes one scoped header cell per column, numeric ones right-aligned, markup kept", async () => {
    const head = await tableHead("Outcome", { num: "Messages" }, html`<span class="sr-only">Bar</span>`);
    expect(String(head)).toBe(
      '<thead><tr><th scope="col">Outcome</th><th scope="col" class="num">Messages</th>' +
        '<th scope="col"><span class="sr-only">Bar</span></th></tr></thead>',
    );
  });

  it("escapes text columns", async () => {
    const head = await tableHead("A <b> & C");
    expect(String(head)).toBe('<thead><tr><th scope="col">A &lt;b&gt; &amp; C</th></tr></thead>');
  });
});
