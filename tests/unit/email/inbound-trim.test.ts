import { describe, expect, it } from "vitest";
import { trimQuotedReply } from "~/email/inbound-trim";

const CASES: { name: string; text: string; expected: string }[] = [
  { name: "plain text stays as written", text: "The parcel never arrived.\n\nCan you check?", expected: "The parcel never arrived.\n\nCan you check?" },
  {
    name: "Gmail: cuts at \"On … wrote:\" and the quote under it",
    text: "Yes, please refund it.\n\nOn Mon, 7 Dec 2026 at 10:00, Demo Store Support <support@demo.example> wrote:\n> Would you like a refund?\n> Thanks",
    expected: "Yes, please refund it.",
  },
  {
    name: "Gmail: an attribution wrapped over two lines",
    text: "Thanks!\r\n\r\nOn Mon, Dec 7, 2026 at 10:00 AM Demo Store Support <\r\nreply+abc.0123456789abcdef@inbound.example> wrote:\r\n\r\n> Your return is approved.",
    expected: "Thanks!",
  },
  {
    name: "French and German attributions",
    text: "Merci\n\nLe lun. 7 déc. 2026 à 10:00, Support <s@x.fr> a écrit :\n> Bonjour",
    expected: "Merci",
  },
  { name: "German attribution", text: "Danke\n\nAm 07.12.2026 um 10:00 schrieb Support <s@x.de>:\n> Hallo", expected: "Danke" },
  {
    name: "Outlook: the From/Sent/To/Subject block and what follows",
    text: "It is the blue one.\n\nFrom: Demo Store <support@demo.example>\nSent: Monday, December 7, 2026 10:00 AM\nTo: Ava <ava@example.com>\nSubject: Your return\n\nWhich colour?",
    expected: "It is the blue one.",
  },
  {
    name: "Outlook: the underscore rule above the quoted message",
    text: "See attached.\n\n________________________________\nFrom: Demo Store\nSent: Monday",
    expected: "See attached.",
  },
  { name: "an \"Original Message\" separator", text: "Ok.\n\n-----Original Message-----\nFrom: x\nHello", expected: "Ok." },
  { name: "a signature after \"-- \"", text: "Please call me.\n\n-- \nAva Example\n+1 555 0100", expected: "Please call me." },
  { name: "a signature delimiter without its trailing space", text: "Please call me.\n--\nAva", expected: "Please call me." },
  { name: "\"Sent from my iPhone\"", text: "On my way to the post office.\n\nSent from my iPhone", expected: "On my way to the post office." },
  {
    name: "an answer written between quoted lines keeps both answers",
    text: "> Which size?\nM please\n> Which colour?\nBlue",
    expected: "M please\nBlue",
  },
  {
    name: "the shopper's own sentence that looks like an attribution is kept",
    text: "On Monday my sister wrote:\nit was broken when it came.",
    expected: "On Monday my sister wrote:\nit was broken when it came.",
  },
  { name: "a \"reply above this line\" marker", text: "Got it\n\n## Reply above this line ##\nYour ticket #4", expected: "Got it" },
  { name: "blank runs collapse, trailing spaces go", text: "\n\nHi   \n\n\n\nthere\n\n", expected: "Hi\n\nthere" },
  { name: "a reply that is only quote trims to nothing", text: "On Mon, 7 Dec 2026, S <s@x.com> wrote:\n> hi", expected: "" },
];

describe("trimQuotedReply", () => {
  it.each(CASES)("$name", ({ text, expected }) => {
    // GIVEN a reply's text as a mail client sent it  WHEN it is trimmed  THEN only the new words remain
    expect(trimQuotedReply(text)).toBe(expected);
  });
});
