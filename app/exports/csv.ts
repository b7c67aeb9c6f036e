/**
 * CSV cells and rows — pure. RFC 4180 quoting (a cell holding a quote, comma, CR or LF is
 * quoted, its quotes doubled; rows end in CRLF), and OWASP's defence against formula
 * injection: a text cell starting with =, +, -, @, tab or CR is prefixed with a single quote
 * so a spreadsheet shows it instead of running it. Numbers we write ourselves (amounts,
 * counts) are not text from a customer and stay numbers, so "-12.50" remains a refund amount.
 */
export type Cell = string | number | null | undefined | Date | Decimal;

/** An exact decimal we computed (an amount in major units): written as is, never escaped, so "-12.50" stays a number. */
export type Decimal = { decimal: string };

const DECIMAL = /^-?\d+(\.\d+)?$/;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One cell as CSV text: escaped against formula injection, then quoted if RFC 4180 needs it. */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  // Only a well-formed decimal skips the escaping; anything else passed as one is text.
  if (typeof value === "object" && "decimal" in value) return DECIMAL.test(value.decimal) ? value.decimal : csvCell(value.decimal);
  const text = value instanceof Date ? value.toISOString() : FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row, CRLF-terminated. */
export function csvRow(cells: readonly Cell[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}
