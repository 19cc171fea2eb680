// The Overview's daily trend charts. Loaded as a static asset after uPlot (the page's CSP allows
// scripts from this origin only, never inline); the numbers come from the page's JSON data block, so
// this file holds no data and no secrets. Each chart also has a text summary and a table on the page.
(() => {
  const block = document.getElementById("trend-data");
  if (!block || typeof window.uPlot !== "function") return;
  const data = JSON.parse(block.textContent || "{}");
  const times = data.days.map((day) => Date.parse(`${day}T00:00:00Z`) / 1000);
  const percent = new Intl.NumberFormat("en-US", { style: "percent", maximumFractionDigits: 1 });
  const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 4 });
  const format = {
    rate: (v) => percent.format(v),
    usd: (v) => usd.format(v),
    minutes: (v) => (v < 60 ? `${Math.round(v)} min` : `${Math.floor(v / 60)} h ${Math.round(v % 60)} min`),
  };

  for (const series of data.series) {
    const target = document.querySelector(`[data-chart="${series.key}"]`);
    if (!target) continue;
    const show = format[series.unit];
    const width = Math.max(260, target.clientWidth || 320);
    const chart = new window.uPlot(
      {
        width,
        height: 180,
        // UTC days: the page's days are UTC, whatever the reader's time zone.
        tzDate: (ts) => window.uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        // Half a day either side, so one day is a point in the middle, not a point in a span of years.
        scales: {
          x: { time: true, range: () => [times[0] - 43200, times[times.length - 1] + 43200] },
          y: {
            range: (_u, _min, max) => [
              0,
              series.unit === "rate" ? 1 : (max ?? 0) > 0 ? (max ?? 0) * 1.15 : series.unit === "minutes" ? 60 : 1,
            ],
          },
        },
        axes: [
          // A tick on whole UTC days only (at most about seven), labelled MM-DD.
          {
            splits: () => times.filter((_t, i) => i % Math.ceil(times.length / 7) === 0),
            values: (_u, splits) => splits.map((ts) => new Date(ts * 1000).toISOString().slice(5, 10)),
          },
          { size: 70, values: (_u, splits) => splits.map((v) => show(v)) },
        ],
        series: [
          {},
          {
            label: series.key,
            stroke: "#0b5cad",
            width: 2,
            points: { show: true, size: 6 },
            value: (_u, v) => (v === null ? "—" : show(v)),
          },
        ],
      },
      [times, series.values],
      target,
    );
    target.dataset.drawn = "true";
    window.addEventListener("resize", () => chart.setSize({ width: Math.max(260, target.clientWidth), height: 180 }));
  }
})();
