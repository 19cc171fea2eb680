/** A passage of trusted knowledge the model may cite by `id`. */
export interface Passage {
  /** Stable id the model cites, e.g. `zd-article:360001#2` (article id, passage number). */
  id: string;
  title: string;
  url: string;
  updatedAt: string | null;
  /** Plain text (snippet or passage body), HTML stripped. */
  text: string;
  /** Whole days since `updatedAt` (set by withFreshness; absent when the date is unknown). */
  ageDays?: number;
  /** Older than `stale_after_days` on a volatile topic (set by withFreshness). */
  stale?: boolean;
}

/** The knowledge port: help-center search per platform. Failures return [] and are logged, never thrown. */
export interface Knowledge {
  search(query: string, options?: { locale?: string; limit?: number }): Promise<Passage[]>;
}
