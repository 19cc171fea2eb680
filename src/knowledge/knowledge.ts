/** A passage of trusted knowledge the model may cite by `id`. */
export interface Passage {
  /** Stable id the model cites, e.g. `zd-article:360001`. */
  id: string;
  title: string;
  url: string;
  updatedAt: string | null;
  /** Plain text (snippet or passage body), HTML stripped. */
  text: string;
}

/** The knowledge port: help-center search per platform. Failures return [] and are logged, never thrown. */
export interface Knowledge {
  search(query: string, options?: { locale?: string; limit?: number }): Promise<Passage[]>;
}
