import type { Settings } from "../config/settings-schema.ts";
import type { TicketContext } from "../domain/ticket.ts";

/**
 * VIP when the requester or their organization carries one of `vipTags`, or the numeric field
 * `vipValueField` (on the user or the organization) reaches `vipMinValue`. Off until configured:
 * no tags and no field means nobody is VIP.
 */
export function isVip(context: TicketContext, settings: Settings): boolean {
  const owners = [context.requester, context.organization].flatMap((piece) =>
    piece.status === "present" ? [piece.value] : [],
  );
  const vipTags = new Set(settings.vipTags.map((tag) => tag.toLowerCase()));
  if (owners.some((owner) => owner.tags.some((tag) => vipTags.has(tag.toLowerCase())))) return true;
  const field = settings.vipValueField;
  const min = settings.vipMinValue;
  if (field === null || min === null) return false;
  return owners.some((owner) => {
    const value = toNumber(owner.fields[field]);
    return value !== null && value >= min;
  });
}

function toNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string" || value.trim() === "") return null;
  const parsed = Number(value.replace(/[,\s$€£]/g, ""));
  return Number.isFinite(parsed) ? parsed : null;
}
