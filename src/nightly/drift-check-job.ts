import { anthropicModelFromEnv } from "../agent/anthropic-model.ts";
import type { Settings } from "../config/settings-schema.ts";
import type { Env } from "../env.ts";
import type { GuardrailPolicy } from "../guardrails/policy-file.ts";
import { d1DriftLedger } from "../ledger/d1-drift-ledger.ts";
import type { Logger } from "../lib/logger.ts";
import { createEngineDecider } from "../pipeline/decide-message.ts";
import { goldenKnowledge } from "../pipeline/golden-knowledge.ts";
import type { Knowledge } from "../ports/knowledge.ts";
import type { Ledger, LedgerAccount } from "../ports/ledger.ts";
import { type DriftCheckSummary, runDriftCheck } from "./run-drift-check.ts";

export interface DriftCheckJobDeps {
  env: Pick<Env, "ANTHROPIC_API_KEY" | "ANTHROPIC_BASE_URL" | "LEDGER">;
  ledger: Ledger | null;
  logger: Logger;
  /** The account's settings, as its pipeline reads them. */
  settingsFor: (account: LedgerAccount) => () => Promise<Settings>;
  /** The account's own knowledge (help center and pack), for the cases added from its review queue. */
  knowledgeFor: (account: LedgerAccount) => Knowledge;
  /** The account's guardrail policy for these settings (bundled policy and the account's override). */
  guardrailsFor: (account: LedgerAccount) => (settings: Settings) => GuardrailPolicy;
}

/**
 * The drift check's Cron Trigger job: the golden set replayed against the live model, per account with
 * ledger rows or golden cases. The engine is the pipeline's (same model, settings and guardrails), but
 * with no state store (a replay counts no knowledge gaps) and no support actions (a replay never acts).
 * Off without a model key (one line says why) or without the ledger (nowhere to keep the results).
 */
export async function driftCheckJob(deps: DriftCheckJobDeps, now: Date): Promise<DriftCheckSummary | null> {
  const { env, ledger, logger } = deps;
  if (!env.ANTHROPIC_API_KEY?.trim()) {
    logger.warn("drift check skipped: ANTHROPIC_API_KEY not set (the golden set needs the live model)");
    return null;
  }
  if (!ledger || !env.LEDGER) {
    logger.warn("drift check skipped: LEDGER (D1) not bound");
    return null;
  }
  const driftLedger = d1DriftLedger(env.LEDGER);
  return runDriftCheck(
    {
      driftLedger,
      logger,
      accounts: async () => {
        const all = [...(await ledger.accounts()), ...(await driftLedger.goldenCaseAccounts())];
        return [...new Map(all.map((a) => [`${a.platform}:${a.account}`, a])).values()];
      },
      forAccount: (account) => {
        const settings = deps.settingsFor(account);
        const model = anthropicModelFromEnv(env, { settings, logger });
        const guardrails = deps.guardrailsFor(account);
        const engine = (knowledge: Knowledge) => createEngineDecider({ model, knowledge, logger, guardrails });
        return {
          settings,
          decideBundled: engine(goldenKnowledge(() => now, logger)),
          decideAccount: engine(deps.knowledgeFor(account)),
        };
      },
    },
    { now, trigger: "scheduled" },
  );
}
