import { Text } from "@shopify/polaris";
import { CHART_COLORS, DataTable, niceTicks } from "~/components/charts/parts";
import type { ParetoBar } from "~/metrics/calculate";

const W = 640;
const H = 272;
const PAD = { top: 16, right: 44, bottom: 68, left: 40 };
const { bar: BAR, line: LINE, axis: AXIS, grid: GRID } = CHART_COLORS;

/**
 * The Pareto of return reasons: a bar per reason (units, sorted descending) and the
 * cumulative share as a line on its own 0–100 % axis. Plain server-rendered SVG with a
 * fixed aspect ratio: no layout shift, no client chart library, and a data table for
 * screen readers.
 */
/** `unit` names what is counted, in the legend and the summary ("returned units", "tickets"). */
export function ParetoChart({ bars, title = "Return reasons (Pareto)", unit = "returned units" }: { bars: ParetoBar[]; title?: string; unit?: string }) {
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const max = Math.max(1, ...bars.map((b) => b.count));
  const step = innerW / Math.max(1, bars.length);
  const barW = Math.min(56, step * 0.62);
  const y = (count: number) => PAD.top + innerH - (count / max) * innerH;
  const yShare = (share: number) => PAD.top + innerH - share * innerH;
  const x = (i: number) => PAD.left + step * i + step / 2;
  const ticks = niceTicks(max);
  const points = bars.map((b, i) => `${x(i).toFixed(1)},${yShare(b.cumulativeShare).toFixed(1)}`).join(" ");
  const top = bars.slice(0, bars.findIndex((b) => b.cumulativeShare >= 0.8) + 1);
  const summary =
    bars.length === 0
      ? "No return reasons in this period."
      : `${top.map((b) => b.label).join(", ")} account for ${Math.round((top[top.length - 1]?.cumulativeShare ?? 0) * 100)} % of ${unit}.`;
  return (
    <figure style={{ margin: 0 }}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="pareto-title pareto-desc" style={{ display: "block", width: "100%", height: "auto" }}>
        <title id="pareto-title">{title}</title>
        <desc id="pareto-desc">{summary}</desc>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} stroke={GRID} />
            <text x={PAD.left - 6} y={y(t) + 4} textAnchor="end" fontSize="11" fill={AXIS}>
              {t}
            </text>
          </g>
        ))}
        {[0, 0.5, 0.8, 1].map((s) => (
          <text key={s} x={W - PAD.right + 6} y={yShare(s) + 4} fontSize="11" fill={s === 0.8 ? LINE : AXIS}>
            {Math.round(s * 100)}%
          </text>
        ))}
        <line x1={PAD.left} x2={W - PAD.right} y1={yShare(0.8)} y2={yShare(0.8)} stroke={LINE} strokeDasharray="4 4" strokeOpacity="0.5" />
        {bars.map((b, i) => (
          <g key={b.key}>
            <rect x={x(i) - barW / 2} y={y(b.count)} width={barW} height={PAD.top + innerH - y(b.count)} rx="3" fill={BAR}>
              <title>{`${b.label}: ${b.count} units (${Math.round(b.share * 100)} %), cumulative ${Math.round(b.cumulativeShare * 100)} %`}</title>
            </rect>
            <text x={x(i)} y={H - PAD.bottom + 16} textAnchor="middle" fontSize="11" fill={AXIS}>
              {/* Two lines under the bar before anything is cut: "Arrived / damaged". */}
              {wrapLabel(b.label, Math.max(6, Math.floor(step / 6.5))).map((line, n) => (
                <tspan key={n} x={x(i)} dy={n === 0 ? 0 : 13}>
                  {line}
                </tspan>
              ))}
            </text>
          </g>
        ))}
        {bars.length > 0 ? <polyline points={points} fill="none" stroke={LINE} strokeWidth="2" /> : null}
        {bars.map((b, i) => (
          <circle key={b.key} cx={x(i)} cy={yShare(b.cumulativeShare)} r="3.5" fill="#fff" stroke={LINE} strokeWidth="2" />
        ))}
        <g fontSize="11" fill={AXIS}>
          <rect x={PAD.left} y={H - 22} width="10" height="10" rx="2" fill={BAR} />
          <text x={PAD.left + 14} y={H - 13}>
            {unit.charAt(0).toUpperCase() + unit.slice(1)}
          </text>
          <line x1={PAD.left + 120} x2={PAD.left + 140} y1={H - 17} y2={H - 17} stroke={LINE} strokeWidth="2" />
          <text x={PAD.left + 146} y={H - 13}>
            Cumulative share
          </text>
        </g>
      </svg>
      <figcaption>
        <Text as="p" variant="bodySm" tone="subdued">
          {summary}
        </Text>
      </figcaption>
      <DataTable caption={title} head={["Reason", "Units", "Share", "Cumulative"]} rows={bars.map((b) => [b.label, String(b.count), pct(b.share), pct(b.cumulativeShare)])} />
    </figure>
  );
}

function pct(share: number): string {
  return `${Math.round(share * 100)} %`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A label in at most two lines of `max` characters, broken between words; the rest is cut with "…". */
export function wrapLabel(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const words = text.split(/\s+/);
  let first = "";
  while (words.length && (first ? `${first} ${words[0]}` : (words[0] ?? "")).length <= max) first = first ? `${first} ${words.shift()}` : (words.shift() ?? "");
  if (!first) return [truncate(text, max)];
  return words.length ? [first, truncate(words.join(" "), max)] : [first];
}
