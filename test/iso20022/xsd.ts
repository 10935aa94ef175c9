import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { validateXML } from 'xmllint-wasm';

const XSD_DIR = join(__dirname, '..', '..', 'src', 'infra', 'iso20022', 'xsd');

/** The errors of `xml` against the XSD govrec keeps for `message` (e.g. seev.008.001.09); none when valid. */
export async function xsdErrors(xml: string, message: string): Promise<string[]> {
  const result = await validateXML({
    xml: [{ fileName: 'message.xml', contents: xml }],
    schema: [{ fileName: `${message}.xsd`, contents: readFileSync(join(XSD_DIR, `${message}.xsd`), 'utf8') }],
  });
  return result.errors.map((e) => e.message);
}

const REPEATED = ['VoteRslt', 'InstrTpSts.InstrSts', 'VoteInstr', 'Rsltn', 'Fngrprnt'];
const parser = new XMLParser({
  parseTagValue: false,
  isArray: (_name, jpath) => REPEATED.some((path) => String(jpath).endsWith(path)),
});

/** An element read back, for a test to walk into: its text, its children, or its repeats. */
export interface Tree {
  readonly [name: string]: Tree & string & Tree[];
}

/** A message's root element, read back for a test to look into. */
export const rootOf = (xml: string, root: string): Tree =>
  (parser.parse(xml) as { Document: Tree }).Document[root];
