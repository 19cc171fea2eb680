import { describe, expect, it } from "vitest";
import { defaultSettings } from "../../src/config/settings-schema.ts";
import type { Comment, TicketContext } from "../../src/domain/ticket.ts";
import { followUpWhileEscalated } from "../../src/pipeline/follow-up-while-escalated.ts";
import { emptyTicketState } from "../../src/domain/ticket-state.ts";

const REQUESTER = "1001";

function comment(id: string, body: string): Comment {
  return { id, authorId: REQUESTER, authorRole: "end-user", isPublic: true, body, createdAt: "2026-11-20T10:00:00Z" };
}

function context(comments: Comment[], priority: TicketContext["ticket"]["priority"] = "normal"): TicketContext {
  return {
    ticket: {
      id: "101",
      subject: "Refund",
      status: "open",
      priority,
      tags: ["deskmate_escalated"],
      groupId: null,
      assigneeId: null,
      requesterId: REQUESTER,
      organizationId: null,
      channel: "email",
      createdAt: "2026-11-20T10:00:00Z",
      updatedAt: "2026-11-20T10:00:00Z",
    },
    comments,
    requester: { status: "missing", reason: "not_set" },
    organization: { status: "missing", reason: "not_set" },
    recentTickets: { status: "missing", reason: "not_set" },
    missing: [],
  };
}

const state = { ...emptyTicketState(), awaitingHumanSince: "2026-11-20T10:00:00Z", lastHandledCommentId: "1" };
const now = new Date("2026-11-20T10:05:00Z");

describe("followUpWhileEscalated", () => {
  it("a threat of harm raises the priority straight to urgent", () => {
    const added = [comment("3", "If nobody answers I will come to your office and hurt someone.")];
    const { writes, hardReasons } = followUpWhileEscalated({
      context: context([comment("1", "refund?"), ...added]),
      added,
      state,
      settings: defaultSettings,
      assistantId: "900",
      now,
    });
    expect(hardReasons).toContain("safety");
    expect(writes.priority).toBe("urgent");
    expect(writes.publicReply).toBeUndefined();
  });

  it("never lowers the priority, and without a hard trigger changes nothing but the note", () => {
    const added = [comment("3", "hello? anyone?")];
    const { writes } = followUpWhileEscalated({
      context: context([comment("1", "refund?"), ...added], "urgent"),
      added,
      state,
      settings: defaultSettings,
      assistantId: "900",
      now,
    });
    expect(writes).toEqual({
      internalNote: { htmlBody: expect.stringContaining("hello? anyone?") },
      addTags: [],
      removeTags: [],
    });
  });

  it("shadow mode: the note is the only write, even when a trigger fires", () => {
    const added = [comment("3", "I want to talk to a human agent, and my lawyer will hear about this.")];
    const settings = { ...defaultSettings, mode: "shadow" as const };
    const { writes } = followUpWhileEscalated({
      context: context([comment("1", "refund?"), ...added]),
      added,
      state,
      settings,
      assistantId: "900",
      now,
    });
    expect(writes.priority).toBeUndefined();
    expect(writes.addTags).toEqual([]);
    expect(writes.internalNote?.htmlBody).toContain("shadow mode");
  });

  it("quotes customer text escaped, never as HTML", () => {
    const added = [comment("3", "<script>alert(1)</script> hello?")];
    const { writes } = followUpWhileEscalated({
      context: context([comment("1", "refund?"), ...added]),
      added,
      state,
      settings: defaultSettings,
      assistantId: "900",
      now,
    });
    expect(writes.internalNote?.htmlBody).not.toContain("<script>");
    expect(writes.internalNote?.htmlBody).toContain("&lt;script&gt;");
  });
});
