/** What the admin's charts share: one palette, round axis ticks, and the table a screen reader reads instead. */

/** The charts' colours, and the series colours of the mix bars (first = the bars' blue). */
export const CHART_COLORS = {
  bar: "#4b7be5",
  line: "#c4551b",
  axis: "#616161",
  grid: "#e3e3e3",
  track: "#ebebeb",
  series: ["#4b7be5", "#2f9e6e", "#c4551b", "#8a5cd6", "#b8a40c", "#8c8c8c"],
} as const;

/** A visually hidden table: what the chart says, for screen readers. */
export function DataTable({ caption, head, rows }: { caption: string; head: string[]; rows: string[][] }) {
  return (
    <table style={VISUALLY_HIDDEN}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.join("|")}>
            {row.map((cell, i) => (
              <td key={`${i}-${cell}`}>{cell}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export const VISUALLY_HIDDEN = {
  position: "absolute",
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: "hidden",
  clip: "rect(0,0,0,0)",
  whiteSpace: "nowrap",
  border: 0,
} as const;

/** Up to 5 round tick values from 0 to ≥ max. */
export function niceTicks(max: number): number[] {
  const rough = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(Math.max(1, rough)));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? magnitude * 10);
  const ticks: number[] = [];
  for (let t = 0; t <= max; t += step) ticks.push(t);
  return ticks;
}
