import { stringify } from 'csv-stringify/sync';

/**
 * Every CSV govrec writes (the audit export, an import's rejects file) goes through here: written by
 * csv-stringify, the writer that pairs with the csv-parse govrec reads with, not by hand. Its
 * `escape_formulas` neutralises a cell a spreadsheet would run as a formula (one starting with =, +,
 * -, @, a tab or a CR, or their full-width forms) by a leading apostrophe, the OWASP convention: a
 * holder's name or a registrar's row, echoed into a rejects file, must not become a formula when a
 * clerk opens it. A number is written as it is (a negative count stays a number); text is quoted
 * when it holds a comma, a quote or a line break, its quotes doubled (RFC 4180).
 */
export function csvRecords(
  records: readonly (readonly (string | number)[])[],
  recordDelimiter: '\n' | '\r\n' = '\n',
): string {
  return stringify(
    records.map((r) => [...r]),
    { escape_formulas: true, record_delimiter: recordDelimiter === '\n' ? 'unix' : 'windows' },
  );
}
