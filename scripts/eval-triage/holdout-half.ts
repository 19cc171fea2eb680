/**
 * Which half of a dataset a row belongs to for a tune/hold-out split: by the parity of the number the
 * id ends with ("set:57030:12" and 12 are even). Stable across runs and independent of row order,
 * so rules tuned on the even half can be reported on the odd half they never saw. Ids that do not end
 * in a number belong to neither half.
 */
export function holdoutHalf(id: string | number): "even ids" | "odd ids" | undefined {
  const digits =
    typeof id === "number" ? (Number.isInteger(id) ? String(Math.abs(id)) : undefined) : /(\d+)$/.exec(id)?.[1];
  if (digits === undefined) return undefined;
  return Number(digits.at(-1)) % 2 === 0 ? "even ids" : "odd ids";
}
