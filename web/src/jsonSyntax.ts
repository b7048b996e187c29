// Where a JSON text first breaks, as line and column: browsers' JSON.parse messages do not all say.
export interface SyntaxPlace {
  line: number;
  column: number;
}

export function findSyntaxError(text: string): SyntaxPlace | null {
  let i = 0;
  const fail = (): never => { throw new BrokenAt(i); };
  const ws = () => { while (i < text.length && " \t\n\r".includes(text[i])) i++; };
  const expect = (c: string) => { if (text[i] !== c) fail(); i++; };
  const literal = (word: string) => { if (text.startsWith(word, i)) i += word.length; else fail(); };
  const string = () => {
    expect('"');
    while (text[i] !== '"') {
      if (i >= text.length || text.charCodeAt(i) < 0x20) fail();
      if (text[i] === "\\") {
        i++;
        if (text[i] === "u") { if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail(); i += 5; }
        else if ('"\\/bfnrt'.includes(text[i] ?? "x")) i++;
        else fail();
      } else i++;
    }
    i++;
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match || match[0] === "" || match[0] === "-") fail();
    i += match![0].length;
  };
  const list = (close: string, item: () => void) => {
    i++; ws();
    if (text[i] === close) { i++; return; }
    for (;;) {
      item(); ws();
      if (text[i] === close) { i++; return; }
      expect(","); ws();
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{") list("}", () => { string(); ws(); expect(":"); value(); });
    else if (c === "[") list("]", value);
    else if (c === '"') string();
    else if (c === "t") literal("true");
    else if (c === "f") literal("false");
    else if (c === "n") literal("null");
    else number();
    ws();
  };
  try {
    value();
    if (i < text.length) fail();
    return null;
  } catch (error) {
    if (!(error instanceof BrokenAt)) return null; // e.g. nesting deeper than the stack: leave it to JSON.parse
    const before = text.slice(0, error.offset).split("\n");
    return { line: before.length, column: before[before.length - 1].length + 1 };
  }
}

class BrokenAt {
  constructor(readonly offset: number) {}
}
