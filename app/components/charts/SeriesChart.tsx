import { Text } from "@shopify/polaris";
import type { TimeBucket } from "~/metrics/calculate";
import { CHART_COLORS, DataTable, niceTicks } from "~/components/charts/parts";

const W = 640;
const H = 200;
const PAD = { top: 12, right: 12, bottom: 28, left: 36 };
const { bar: BAR, axis: AXIS, grid: GRID } = CHART_COLORS;
// A bucket's day is a calendar day of the shop ("2026-11-26"): read at UTC midnight, shown as is.
const dayFormat = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });
const dayLabel = (day: string) => dayFormat.format(new Date(`${day}T00:00:00Z`));

/** Returns over time: one bar per day (or week), server-rendered SVG with a fixed aspect ratio. */
export function SeriesChart({ buckets, bucketDays, title }: { buckets: TimeBucket[]; bucketDays: number; title: string }) {
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const step = innerW / Math.max(1, buckets.length);
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  const labelEvery = Math.ceil(buckets.length / 7);
  const total = buckets.reduce((n, b) => n + b.count, 0);
  const unit = bucketDays === 1 ? "day" : "week";
  return (
    <figure style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}: ${total} returns, by ${unit}`} style={{ display: "block", width: "100%", height: "auto" }}>
        {niceTicks(max).map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} stroke={GRID} />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" fontSize="11" fill={AXIS}>
              {t}
            </text>
          </g>
        ))}
        {buckets.map((b, i) => (
          <g key={b.start}>
            <rect x={PAD.left + step * i + step * 0.15} y={y(b.count)} width={step * 0.7} height={PAD.top + innerH - y(b.count)} rx="2" fill={BAR}>
              <title>{`${unit === "day" ? "" : "Week of "}${dayLabel(b.day)}: ${b.count}`}</title>
            </rect>
            {i % labelEvery === 0 ? (
              <text x={PAD.left + step * i + step / 2} y={H - 8} textAnchor="middle" fontSize="11" fill={AXIS}>
                {dayLabel(b.day)}
              </text>
            ) : null}
          </g>
        ))}
      </svg>
      <DataTable caption={title} head={[unit === "day" ? "Day" : "Week of", "Returns"]} rows={buckets.map((b) => [dayLabel(b.day), String(b.count)])} />
      <Text as="p" variant="bodySm" tone="subdued">
        {total} returns, by {unit}
      </Text>
    </figure>
  );
}
