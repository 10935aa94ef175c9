/** The line and column (both from 1) of a character offset in a text, as an editor counts them. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: before.length - lastBreak };
}

/**
 * JSON.parse's refusal said with a line and a column rather than a character offset: "Unexpected
 * number in JSON at line 3, column 7". Node's versions word the place differently ("at position 18",
 * with or without "(line 3 column 7)", nothing at an unexpected end); the place is counted here
 * from the text, the same whichever Node runs.
 */
export function jsonSyntaxMessage(text: string, message: string): string {
  const at = /\s*at position (\d+)(?:\s*\(line \d+ column \d+\))?/.exec(message);
  const offset = at ? Number(at[1]) : /end of JSON input/.test(message) ? text.length : undefined;
  if (offset === undefined) return message;
  const { line, column } = lineAndColumn(text, offset);
  const said = at ? message.slice(0, at.index) + message.slice(at.index + at[0].length) : message;
  return `${said.trimEnd()} at line ${line}, column ${column}`;
}
