/**
 * What the shopper wrote, without what their mail client appended: the quoted history of
 * the thread ("On … wrote:" and the "> " lines under it, Outlook's "From:/Sent:" block and
 * separators, Gmail's quote), signatures after "-- " and "Sent from my iPhone". The ticket
 * already holds every earlier message; repeating them under each reply buries the answer.
 *
 * Pure and line-based: it cuts at the first line that starts the appended part, then drops
 * any remaining quoted (">") lines, so an answer written between quotes stays.
 */

/** Attribution lines in the languages shoppers write in most ("On … wrote:", "Le … a écrit :", …). */
const ATTRIBUTION = /^((on|le|el|op|il)\s.+\s(wrote|a écrit|escribió|schreef|ha scritto)|am\s.+\sschrieb\s.+)\s*:\s*$/i;
const SEPARATORS: readonly RegExp[] = [
  // RFC 3676 signature delimiter; many clients drop its trailing space
  /^--\s?$/,
  /^-{2,}\s*(original message|forwarded message|ursprüngliche nachricht|message d'origine|mensaje original)\s*-{2,}\s*$/i,
  // Outlook's rule above the quoted message
  /^_{10,}\s*$/,
  /^sent from my (iphone|ipad|android|mobile|phone|samsung|galaxy|blackberry)/i,
  /^get outlook for (ios|android)/i,
  // a marker outbound mail may carry
  /reply above this line/i,
];
const HEADER_FROM = /^\*?(from|von|de|van|da)\s*:\*?\s/i;
const HEADER_NEXT = /^\*?(sent|date|gesendet|datum|envoyé|enviado|verzonden|to|an|à|para|aan|subject|betreff|objet|asunto|onderwerp)\s*:/i;

/** The new text of a reply: quoted history and signature removed, blank edges trimmed. */
export function trimQuotedReply(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").split("\n");
  const cut = firstAppendedLine(lines);
  const kept = lines.slice(0, cut).filter((line) => !/^\s*>/.test(line));
  return kept
    .join("\n")
    .replace(/[ \t]+$/gm, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function firstAppendedLine(lines: readonly string[]): number {
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    if (SEPARATORS.some((pattern) => pattern.test(line))) return i;
    // An attribution names a date or an address; "On Monday my sister wrote:" is the shopper's own sentence.
    if (ATTRIBUTION.test(line) && /\d|@/.test(line)) return i;
    // Gmail wraps a long attribution over two lines: "On Mon, … Support <" / "support@shop.com> wrote:"
    const joined = `${line} ${(lines[i + 1] ?? "").trim()}`;
    if (/^(on|le|am|el|op|il)\s/i.test(line) && ATTRIBUTION.test(joined) && /@/.test(joined)) return i;
    if (HEADER_FROM.test(line) && lines.slice(i + 1, i + 5).some((l) => HEADER_NEXT.test(l.trim()))) return i;
  }
  return lines.length;
}
