import { XMLBuilder, XMLParser } from 'fast-xml-parser';

/**
 * ISO 20022 messages as XML: a message's body (a plain tree of element names, text, and arrays for
 * repeated elements, in the order the schema wants them) wrapped in its Document with the
 * message's namespace; and a message read back into the same shape. The mapping to and from the
 * record is elsewhere (src/application/iso20022, src/projections/iso20022): here only XML.
 */

export const namespaceOf = (message: string): string => `urn:iso:std:iso:20022:tech:xsd:${message}`;

const builder = new XMLBuilder({
  ignoreAttributes: false,
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
});

/** The message as an XML document: `<Document xmlns="…"><Root>…</Root></Document>`. */
export function messageXml(message: string, root: string, body: object): string {
  const document = { Document: { '@_xmlns': namespaceOf(message), [root]: body } };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build(document) as string}`;
}

/** Elements that may repeat in the messages govrec reads: always arrays once parsed. */
const REPEATED = new Set(['Instr', 'VoteInstr', 'OthrId']);

const parser = new XMLParser({
  ignoreAttributes: false,
  // The messages are read in their default namespace (`<Document xmlns="urn:iso:…">`), as written.
  removeNSPrefix: false,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => REPEATED.has(name),
  // No entities beyond XML's own: a message cannot expand into something larger than it is.
  processEntities: false,
});

/** A message read: its namespace and its root element's content; or why it is no ISO 20022 message. */
export function readMessage(
  xml: string,
): { readonly namespace: string; readonly root: string; readonly body: unknown } | string {
  let parsed: unknown;
  try {
    parsed = parser.parse(xml, true);
  } catch (error) {
    return `not well-formed XML: ${(error as Error).message.split('\n')[0]}`;
  }
  const document = (parsed as { Document?: Record<string, unknown> }).Document;
  if (typeof document !== 'object' || document === null) return 'no ISO 20022 Document element';
  const namespace = document['@_xmlns'];
  const [root] = Object.keys(document).filter((k) => !k.startsWith('@_'));
  if (typeof namespace !== 'string' || !root) return 'the Document names no message namespace or root';
  return { namespace, root, body: document[root] };
}
