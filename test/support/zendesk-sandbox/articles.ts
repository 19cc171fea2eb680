import { isoSeconds } from "./records.ts";
import type { SandboxState } from "./state.ts";

/** A Help Center article as the Help Center API returns it (ArticleObject in the Help Center spec). */
export interface SandboxArticle {
  id: number;
  url: string;
  html_url: string;
  author_id: number;
  comments_disabled: boolean;
  draft: boolean;
  promoted: boolean;
  position: number;
  vote_sum: number;
  vote_count: number;
  section_id: number;
  created_at: string;
  updated_at: string;
  edited_at: string;
  name: string;
  title: string;
  source_locale: string;
  locale: string;
  outdated: boolean;
  outdated_locales: string[];
  permission_group_id: number;
  /** null: everyone, anonymous visitors included. */
  user_segment_id: number | null;
  user_segment_ids: number[];
  label_names: string[];
  content_tag_ids: string[];
  body: string;
}

export interface ArticleInput {
  title: string;
  /** HTML. */
  body: string;
  id?: number;
  locale?: string;
  sectionId?: number;
  userSegmentId?: number | null;
  labels?: string[];
  draft?: boolean;
  updatedAt?: string;
}

export const HELP_CENTER = {
  sections: { billing: 360000100001, account: 360000100002, shipping: 360000100003 },
  /** A "staff" user segment: agent-only articles. */
  agentsOnlySegment: 360000200001,
  articles: {
    refunds: 360001001,
    password: 360001002,
    invoices: 360001003,
    shipping: 360001004,
    refundsDe: 360001005,
    refundExceptions: 360001006,
  },
} as const;

export function buildArticle(state: SandboxState, input: ArticleInput): SandboxArticle {
  const id = input.id ?? state.nextId++;
  const locale = input.locale ?? "en-us";
  const at = input.updatedAt ?? state.stamp();
  const slug = input.title.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "");
  const segment = input.userSegmentId ?? null;
  return {
    id,
    url: `${state.baseUrl}/api/v2/help_center/${locale}/articles/${id}.json`,
    html_url: `${state.baseUrl}/hc/${locale}/articles/${id}-${slug}`,
    author_id: 901,
    comments_disabled: false,
    draft: input.draft ?? false,
    promoted: false,
    position: 0,
    vote_sum: 0,
    vote_count: 0,
    section_id: input.sectionId ?? HELP_CENTER.sections.account,
    created_at: at,
    updated_at: at,
    edited_at: at,
    name: input.title,
    title: input.title,
    source_locale: locale,
    locale,
    outdated: false,
    outdated_locales: [],
    permission_group_id: 3600001,
    user_segment_id: segment,
    user_segment_ids: segment === null ? [] : [segment],
    label_names: input.labels ?? [],
    content_tag_ids: [],
    body: input.body,
  };
}

const DAY = 24 * 60 * 60_000;

/** The seeded help center: four public English articles, one German, one for agents only. */
export function seedArticles(state: SandboxState): void {
  const ago = (days: number) => isoSeconds(new Date(state.now().getTime() - days * DAY));
  const { articles: ids, sections } = HELP_CENTER;
  const seed: ArticleInput[] = [
    {
      id: ids.refunds,
      title: "Refund policy",
      sectionId: sections.billing,
      labels: ["refund", "billing"],
      updatedAt: ago(12),
      body:
        "<h2>Can I get a refund?</h2><p>You can request a refund within 30 days of purchase." +
        " Refunds go back to the original payment method within 5-7 business days.</p>" +
        "<p>Opened hardware returns carry a <strong>$25 restocking fee</strong>." +
        " Subscriptions are refunded pro rata for the unused months.</p>" +
        "<p>If you were charged twice for the same invoice, the duplicate charge is refunded in full.</p>",
    },
    {
      id: ids.password,
      title: "Reset your password",
      sectionId: sections.account,
      labels: ["login"],
      updatedAt: ago(40),
      body:
        "<p>To reset your password:</p><ol>" +
        "<li>Open the sign-in page and click <em>Forgot password</em>.</li>" +
        "<li>Enter the email address of your account.</li>" +
        "<li>Follow the link in the email we send you. The link expires after 60 minutes.</li>" +
        "</ol><p>No email after 10 minutes? Check your spam folder, then ask us to send it again.</p>",
    },
    {
      id: ids.invoices,
      title: "Download invoices",
      sectionId: sections.billing,
      labels: ["billing", "invoice"],
      updatedAt: ago(75),
      body:
        "<p>Account owners can download invoices as PDF files under " +
        "<strong>Settings &gt; Billing &gt; Invoices</strong>." +
        " Invoices from the last 24 months are available there.</p>" +
        "<p>Need an older invoice or a different billing address on it? Contact our billing team.</p>",
    },
    {
      id: ids.shipping,
      title: "Shipping times",
      sectionId: sections.shipping,
      labels: ["shipping"],
      updatedAt: ago(5),
      body:
        "<p>Orders placed before 2 pm ship the same business day.</p><ul>" +
        "<li>Standard shipping: 3-5 business days</li>" +
        "<li>Express shipping: 1-2 business days</li>" +
        "<li>International shipping: 7-14 business days</li>" +
        "</ul><p>You get a tracking link by email as soon as your parcel ships.</p>",
    },
    {
      id: ids.refundsDe,
      title: "Rückerstattungen",
      locale: "de",
      sectionId: sections.billing,
      labels: ["refund"],
      updatedAt: ago(12),
      body:
        "<p>Sie können innerhalb von 30 Tagen nach dem Kauf eine Rückerstattung beantragen." +
        " Für geöffnete Hardware fällt eine Wiedereinlagerungsgebühr von 25 $ an.</p>",
    },
    {
      id: ids.refundExceptions,
      title: "Refund exceptions (agents only)",
      sectionId: sections.billing,
      labels: ["refund"],
      userSegmentId: HELP_CENTER.agentsOnlySegment,
      updatedAt: ago(3),
      body:
        "<p>Agents may approve refunds up to 90 days after purchase for business customers, with team lead approval." +
        " Never mention this policy to customers.</p>",
    },
  ];
  state.articles = seed.map((input) => buildArticle(state, input));
}
