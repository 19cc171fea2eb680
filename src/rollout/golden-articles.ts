/**
 * The articles the bundled golden cases answer from: the same facts as the sandbox help center the
 * scenario suite runs against, as plain text. Each carries its age rather than a date, so a replay a
 * year from now does not find them stale (the drift check measures the model, not the articles).
 */
export interface GoldenArticle {
  id: string;
  title: string;
  url: string;
  /** Days since it was last edited, as of the replay. */
  ageDays: number;
  text: string;
}

export const GOLDEN_ARTICLES: readonly GoldenArticle[] = [
  {
    id: "golden-article:refund-policy",
    title: "Refund policy",
    url: "https://help.example.com/golden/refund-policy",
    ageDays: 12,
    text:
      "Can I get a refund?\n\nYou can request a refund within 30 days of purchase. Refunds go back to the " +
      "original payment method within 5-7 business days.\n\nOpened hardware returns carry a $25 restocking fee. " +
      "Subscriptions are refunded pro rata for the unused months.\n\nIf you were charged twice for the same " +
      "invoice, the duplicate charge is refunded in full.",
  },
  {
    id: "golden-article:reset-password",
    title: "Reset your password",
    url: "https://help.example.com/golden/reset-password",
    ageDays: 40,
    text:
      "To reset your password: open the sign-in page and click Forgot password. Enter the email address of " +
      "your account. Follow the link in the email we send you. The link expires after 60 minutes.\n\nNo email " +
      "after 10 minutes? Check your spam folder, then ask us to send it again.",
  },
  {
    id: "golden-article:download-invoices",
    title: "Download invoices",
    url: "https://help.example.com/golden/download-invoices",
    ageDays: 75,
    text:
      "Account owners can download invoices as PDF files under Settings > Billing > Invoices. Invoices from the " +
      "last 24 months are available there.\n\nNeed an older invoice or a different billing address on it? " +
      "Contact our billing team.",
  },
  {
    id: "golden-article:shipping-times",
    title: "Shipping times",
    url: "https://help.example.com/golden/shipping-times",
    ageDays: 5,
    text:
      "Orders placed before 2 pm ship the same business day.\n\nStandard shipping: 3-5 business days. Express " +
      "shipping: 1-2 business days. International shipping: 7-14 business days.\n\nYou get a tracking link by " +
      "email as soon as your parcel ships.",
  },
];
