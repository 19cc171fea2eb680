import { html } from "hono/html";
import type { Html } from "./console-layout.ts";

/** A right-aligned column, like the numbers in its cells. */
export interface NumericColumn {
  num: string;
}

/**
 * A table's header row: one `<th scope="col">` per column, so long tables read as a list of their
 * column names instead of one line of repeated markup.
 */
export function tableHead(...columns: Array<string | Html | NumericColumn>): Html {
  const cells = columns.map((c) =>
    typeof c === "object" && "num" in c
      ? html`<th scope="col" class="num">${c.num}</th>`
      : html`<th scope="col">${c}</th>`,
  );
  return html`<thead><tr>${cells}</tr></thead>`;
}
