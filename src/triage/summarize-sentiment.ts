/**
 * Plain words for the handoff note from per-message readings (oldest first), e.g.
 * "negative in the last 2 messages", "negative earlier (1 of 3 messages), latest neutral".
 */
export function summarizeSentiment(readings: ReadonlyArray<{ score: number; negative: boolean }>): string {
  const latest = readings.at(-1);
  if (latest === undefined) return "no customer messages";
  let streak = 0;
  for (let i = readings.length - 1; i >= 0 && readings[i]?.negative; i--) streak++;
  if (streak === readings.length) return readings.length === 1 ? "negative" : `negative in all ${streak} messages`;
  if (streak > 0) return `negative in the last ${streak === 1 ? "message" : `${streak} messages`}`;
  const earlier = readings.filter((reading) => reading.negative).length;
  const tone = latest.score > 0 ? "positive" : latest.score < 0 ? "slightly negative" : "neutral";
  if (earlier > 0) return `negative earlier (${earlier} of ${readings.length} messages), latest ${tone}`;
  return tone;
}
