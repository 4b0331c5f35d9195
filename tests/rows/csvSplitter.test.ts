import {randomLcg} from "d3";
import {parse} from "csv-parse/sync";
import {describe, expect, it} from "vitest";
import {csvSplitter, CsvRefused} from "../../loaders/rows/csvSplitter.js";

/** Records and spreadsheet rows as csv-parse reads them with the options the loader used, or "refused". */
function csvParse(text: string, delimiter: string) {
  try {
    const records = parse(text, {delimiter, relax_column_count: true, relax_quotes: false, skip_empty_lines: true, info: true}) as unknown as {record: string[]; info: {records: number; empty_lines: number}}[];
    return records.map(({record, info}) => ({row: info.records + info.empty_lines, cells: record}));
  } catch {
    return "refused";
  }
}

/** The same text through the splitter, handed over in chunks cut at `cuts`. */
function split(text: string, delimiter: string, cuts: number[]) {
  const splitter = csvSplitter(delimiter);
  try {
    const rows = [];
    let from = 0;
    for (const cut of [...cuts, text.length]) {
      rows.push(...splitter(text.slice(from, cut), false));
      from = cut;
    }
    return [...rows, ...splitter("", true)];
  } catch (error) {
    if (error instanceof CsvRefused) return "refused";
    throw error;
  }
}

describe("csvSplitter", () => {
  it("reads quoted newlines, CRLF, quoted commas and doubled quotes, and counts skipped empty lines in the row", () => {
    const text = 'a,b\r\n1,"x\r\ny"\r\n\r\n2,"say ""hi"", then"\r\n3\r\n';
    expect(split(text, ",", [5, 9, 10])).toEqual([
      {row: 1, cells: ["a", "b"]},
      {row: 2, cells: ["1", "x\r\ny"]},
      {row: 4, cells: ["2", 'say "hi", then']},
      {row: 5, cells: ["3"]}
    ]);
  });

  it("refuses a quote inside a field, text after a closing quote and an unclosed quote", () => {
    for (const text of ['a,b\n1,x"y\n', 'a,b\n1,"x"y\n', 'a,b\n1,"x\n']) expect(split(text, ",", [])).toBe("refused");
  });

  it("agrees with csv-parse on random text cut into random chunks", () => {
    const random = randomLcg(42);
    const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)];
    const some = <T>(max: number, item: () => T): T[] => Array.from({length: Math.floor(random() * max)}, item);
    for (let n = 0; n < 4000; n++) {
      const delimiter = pick([",", ",", "\t", "::"]);
      // fields plain, quoted, or now and then with a stray quote, NUL, line end or half a delimiter
      const plain = () => some(3, () => pick(["a", "bc", "美", " ", ":"])).join("");
      const field = () => pick([plain, plain, () => `"${some(3, () => pick(["x", '""', delimiter, "\r\n", "\n"])).join("")}"`, () => pick(['"', "\0", "\r", "\n", '"a"\0b', '"a" '])])();
      const lineEnd = pick(["\r\n", "\n", "\r"]);
      const lines = some(6, () => some(4, field).join(delimiter));
      const text = lines.join(pick([lineEnd, lineEnd, "\n"])) + pick([lineEnd, ""]);
      const cuts = some(4, () => Math.floor(random() * (text.length + 1))).sort((a, b) => a - b);
      expect(split(text, delimiter, cuts), JSON.stringify({text, delimiter, cuts})).toEqual(csvParse(text, delimiter));
    }
  });
});
