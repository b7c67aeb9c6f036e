import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "~/exports/csv";

describe("CSV cells", () => {
  it.each([
    // [what, cell, CSV text]
    ["a DDE payload", "=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
    ["a sum hidden behind a minus", "-1+1", "'-1+1"],
    ["an @-function", "@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["a lone plus", "+", "'+"],
    ["a leading tab", "\tcalc", "'\tcalc"],
    ["a leading carriage return (quoted too: it is a line break)", "\r=1", `"'\r=1"`],
    ["a formula with a comma", "=HYPERLINK(\"http://x\",\"y\")", `"'=HYPERLINK(""http://x"",""y"")"`],
    ["quotes", 'She said "hi"', '"She said ""hi"""'],
    ["a comma", "Smith, Jane", '"Smith, Jane"'],
    ["a newline", "line one\nline two", '"line one\nline two"'],
    ["unicode, untouched", "Zoë 🧦 — 返品", "Zoë 🧦 — 返品"],
    ["an equals sign inside, not first", "a=b", "a=b"],
    ["an empty string", "", ""],
  ])("writes %s safely", (_what, cell, text) => {
    expect(csvCell(cell)).toBe(text);
  });

  it("writes numbers and our own decimals as numbers, so a negative amount stays a number", () => {
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell({ decimal: "-12.50" })).toBe("-12.50");
    expect(csvCell({ decimal: "1999" })).toBe("1999");
    expect(csvCell(Number.NaN)).toBe("");
  });

  it("escapes a 'decimal' that is not one as the text it is", () => {
    expect(csvCell({ decimal: "-1+1" })).toBe("'-1+1");
  });

  it("writes null as an empty cell and dates as ISO-8601 UTC", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(new Date(Date.UTC(2026, 2, 1, 9, 30)))).toBe("2026-03-01T09:30:00.000Z");
  });

  it("joins a row with commas and ends it with CRLF", () => {
    expect(csvRow(["#1001", "=1", 2, null, "a,b"])).toBe(`#1001,'=1,2,,"a,b"\r\n`);
  });
});
