/**
 * CPU per event, without I/O, of the pure steps a customer message goes through: triage, policy and
 * the handoff's rendering (built and rendered as a Zendesk note). Inputs are real: the scenario suite's
 * tickets read once through the Zendesk adapter from the sandbox, with each scenario's recorded model
 * output; then only the pure functions run, in a loop, timed with process.cpuUsage. Policy gets no
 * retrieved passages (the search is I/O), so answers stop at the grounding rule: a lower bound there.
 */
import { setupServer } from "msw/node";
import { defaultSettings } from "../src/config/settings-schema.ts";
import type { TicketContext } from "../src/domain/ticket.ts";
import { emptyTicketState } from "../src/domain/ticket-state.ts";
import { buildHandoff } from "../src/handoff/build-handoff.ts";
import { applyPolicy } from "../src/policy/apply-policy.ts";
import { renderZendeskNote } from "../src/platforms/zendesk/render-zendesk-note.ts";
import { runTriage } from "../src/triage/run-triage.ts";
import { SCENARIOS, stageScenario } from "../test/support/scenarios.ts";
import { createZendeskSandbox } from "../test/support/zendesk-sandbox.ts";
import { sandboxHelpdesk } from "../test/support/zendesk-sandbox/sandbox-helpdesk.ts";

const NOW = new Date();

export async function benchCpu(rounds: number): Promise<string[]> {
  const sandbox = createZendeskSandbox();
  const server = setupServer(...sandbox.handlers);
  server.listen({ onUnhandledFrame: "error" });
  const { helpdesk } = sandboxHelpdesk(sandbox.baseUrl);
  const inputs: Array<{ context: TicketContext; scenario: (typeof SCENARIOS)[number] }> = [];
  try {
    for (const [index, scenario] of SCENARIOS.entries()) {
      const { ticketId } = stageScenario(sandbox, scenario, index);
      inputs.push({ context: await helpdesk.getTicketContext(String(ticketId)), scenario });
    }
  } finally {
    server.close();
  }
  const steps = { triage: 0, policy: 0, handoff: 0 };
  const time = (step: keyof typeof steps, run: () => unknown) => {
    const before = process.cpuUsage();
    run();
    const used = process.cpuUsage(before);
    steps[step] += used.user + used.system;
  };
  for (let round = 0; round < rounds; round++) {
    for (const { context, scenario } of inputs) {
      const customer = context.comments.filter((c) => c.authorRole === "end-user" && c.isPublic);
      const current = customer.at(-1);
      if (!current) continue;
      const model = scenario.model.kind === "output" ? scenario.model.output : null;
      let reasons: string[] = [];
      time("triage", () => {
        const triage = runTriage({
          message: current.body,
          customerMessages: customer.map((c) => c.body),
          assistantReplies: context.comments.filter((c) => c.authorRole !== "end-user" && c.isPublic).length,
          context,
          settings: defaultSettings,
          now: NOW,
        });
        reasons = [...triage.reasons];
      });
      if (model) {
        time("policy", () => {
          const decision = applyPolicy({
            output: model,
            passages: [],
            context,
            state: emptyTicketState(),
            settings: defaultSettings,
            customerMessage: current.body,
            regenerated: false,
          });
          if (decision.kind === "escalate") reasons = [...reasons, ...decision.reasons];
        });
      }
      time("handoff", () =>
        renderZendeskNote(
          buildHandoff({
            context,
            customerComment: current,
            reasons: reasons.length > 0 ? reasons : ["needs_human_judgment"],
            ticketUrl: (id) => `${sandbox.baseUrl}/agent/tickets/${id}`,
            model: model?.handoff ?? null,
          }),
        ),
      );
    }
  }
  const events = rounds * inputs.length;
  const ms = (us: number) => (us / 1000 / events).toFixed(3);
  const total = steps.triage + steps.policy + steps.handoff;
  return [
    `CPU per event without I/O (${inputs.length} scenario tickets x ${rounds} rounds): triage ${ms(steps.triage)} ms, ` +
      `policy ${ms(steps.policy)} ms, handoff built and rendered ${ms(steps.handoff)} ms; ` +
      `total ${ms(total)} ms (target <= 5 ms)`,
  ];
}
