import {
  adminAssigned,
  adminClosed,
  adminOpened,
  adminReplied,
  ratingAdded,
  userCreated,
} from "../../test/support/intercom-events.ts";
import { INTERCOM_SANDBOX } from "../../test/support/intercom-sandbox.ts";
import { signedIntercomRequest, TEST_INTERCOM_APP_ID } from "../../test/support/signed-intercom-request.ts";
import { signedZendeskRequest } from "../../test/support/signed-zendesk-request.ts";
import {
  commentAdded,
  csatTrigger,
  groupAssignmentChanged,
  statusChanged,
  ticketCreated,
} from "../../test/support/zendesk-events.ts";
import { SANDBOX } from "../../test/support/zendesk-sandbox.ts";
import type { HandledLine } from "./worker-process.ts";
import type { startLocalApis } from "./local-apis.ts";

type Apis = Awaited<ReturnType<typeof startLocalApis>>;

/** The worker a desk sends to: its address and its "event handled" lines (it changes on a restart). */
export interface Target {
  base: string;
  waitForEvent: (eventId: string) => Promise<HandledLine | undefined>;
}

/** One ticket of the part: its id as the ledger keys it, and the customer message it opened with. */
export interface DeskTicket {
  id: string;
  text: string;
}

/**
 * One helpdesk account driven the same way on both platforms: stage a ticket in the sandbox, then
 * deliver the signed webhooks a helpdesk would send for what happens to it, each with the time it
 * happened. Every delivery waits for the worker's "event handled" line and returns it.
 */
export interface Desk {
  platform: "zendesk" | "intercom";
  account: string;
  stage(text: string): DeskTicket;
  customerWrites(t: DeskTicket): Promise<HandledLine>;
  humanReplies(t: DeskTicket, body: string, atMs: number): Promise<HandledLine>;
  movesToGroup(t: DeskTicket, group: string, atMs: number): Promise<HandledLine>;
  solves(t: DeskTicket, atMs: number): Promise<HandledLine>;
  reopens(t: DeskTicket, atMs: number): Promise<HandledLine>;
  ratesGood(t: DeskTicket, atMs: number): Promise<HandledLine>;
}

async function post(target: Target, path: string, request: RequestInit, eventId: string): Promise<HandledLine> {
  const response = await fetch(`${target.base}${path}`, request);
  if (response.status !== 202) throw new Error(`${path} ${eventId}: ${response.status} ${await response.text()}`);
  const handled = await target.waitForEvent(eventId);
  if (!handled) throw new Error(`${path} ${eventId}: the worker did not handle it within its wait`);
  return handled;
}

export function zendeskDesk(apis: Apis, secret: string, target: () => Target): Desk {
  const { sandbox } = apis;
  const requesters = new Map<string, number>();
  const snapshot = (t: DeskTicket) => ({ id: Number(t.id), requesterId: requesters.get(t.id) ?? 0 });
  const send = async (payload: object, eventId: string) =>
    post(target(), "/webhooks/zendesk", await signedZendeskRequest(payload, { secret }), eventId);
  const envelope = (payload: { id: string }) => send(payload, payload.id);
  const at = (ms: number) => new Date(ms).toISOString();
  return {
    platform: "zendesk",
    account: "acme",
    stage(text) {
      const customer = sandbox.addCustomer(`Rollout customer ${requesters.size + 1}`);
      const ticket = sandbox.addTicket({
        subject: "Question",
        requesterId: customer.id,
        comments: [{ authorId: customer.id, body: text }],
      });
      requesters.set(String(ticket.id), customer.id);
      return { id: String(ticket.id), text };
    },
    customerWrites: (t) => envelope(ticketCreated(snapshot(t))),
    humanReplies(t, body, atMs) {
      const comment = sandbox.addComment(Number(t.id), { authorId: SANDBOX.agentId, body });
      const payload = commentAdded(
        snapshot(t),
        { id: comment.id, authorId: SANDBOX.agentId, isStaff: true, isPublic: true },
        at(atMs),
      );
      return envelope(payload);
    },
    movesToGroup: (t, group, atMs) => envelope(groupAssignmentChanged(snapshot(t), group, at(atMs))),
    solves(t, atMs) {
      const from = sandbox.ticket(Number(t.id)).status;
      sandbox.setStatus(Number(t.id), "solved");
      return envelope(statusChanged(snapshot(t), from, "solved", at(atMs)));
    },
    reopens(t, atMs) {
      sandbox.setStatus(Number(t.id), "open");
      return envelope(statusChanged(snapshot(t), "solved", "open", at(atMs)));
    },
    ratesGood(t, atMs) {
      sandbox.rate(Number(t.id), "good");
      return send(csatTrigger(snapshot(t), "good", at(atMs)), `trigger:rating_added:${t.id}:good`);
    },
  };
}

export function intercomDesk(apis: Apis, secret: string, target: () => Target): Desk {
  const { intercom } = apis;
  const contacts = new Map<string, string>();
  const snapshot = (t: DeskTicket) => ({ id: t.id, contactId: contacts.get(t.id) ?? "", body: t.text });
  const send = async (payload: { id: string }) =>
    post(target(), "/webhooks/intercom", await signedIntercomRequest(payload, { secret }), payload.id);
  // Intercom notifications carry unix seconds; the worker refuses those dated over 15 minutes ahead.
  const seconds = (ms: number) => Math.floor(ms / 1000);
  const human = INTERCOM_SANDBOX.humanAdminId;
  return {
    platform: "intercom",
    account: TEST_INTERCOM_APP_ID,
    stage(text) {
      const contact = intercom.addContact(`Rollout customer ${contacts.size + 1}`);
      const conversation = intercom.addConversation({ contactId: contact.id, parts: [{ author: "user", body: text }] });
      contacts.set(String(conversation.id), contact.id);
      return { id: String(conversation.id), text };
    },
    customerWrites: (t) => send(userCreated(snapshot(t))),
    humanReplies(t, body, atMs) {
      const part = intercom.addPart(t.id, { author: "admin", adminId: human, body }).parts.at(-1);
      const createdAt = seconds(atMs);
      return send(adminReplied(snapshot(t), human, { id: part?.id ?? "", body, createdAt }, { createdAt }));
    },
    movesToGroup: (t, group, atMs) => send(adminAssigned(snapshot(t), { teamId: group }, { createdAt: seconds(atMs) })),
    solves: (t, atMs) => send(adminClosed(snapshot(t), { createdAt: seconds(atMs) })),
    reopens: (t, atMs) => send(adminOpened(snapshot(t), { createdAt: seconds(atMs) })),
    ratesGood: (t, atMs) => send(ratingAdded(snapshot(t), { rating: 5, remark: "" }, { createdAt: seconds(atMs) })),
  };
}
