import { AppendedRow } from './appended-rows';
import { RecordedDomainEvent } from './recorded-event';

/**
 * How a read model is kept as documents, in the manner of the results (results/documents.ts); the
 * audit trail's indexes, the holder histories, the proxy register and the announcement facts each
 * declare theirs in their folder's documents.ts. Each model is an object of Maps ("sections"); each
 * entry of a section is one document, keyed `${section}:${id}`, and each event names the documents it
 * changes, so the projection runner rewrites only those, together with its checkpoint. Each model is
 * its own projection (its own documents and checkpoint): one can be rebuilt without the others.
 */
export interface DocumentMapping<M extends object> {
  readonly projection: string;
  /** The model's Map-valued fields, each a family of documents. */
  readonly sections: readonly (keyof M & string)[];
  initial(): M;
  apply(model: M, event: RecordedDomainEvent): M;
  /**
   * The only event types that can change the model or name one of its documents, where the model
   * folds few: the projection runner gives it no event of another type (a rebuild's million votes
   * passed through read models that ignore them cost a tenth of its time). Absent: every type.
   */
  readonly folds?: readonly RecordedDomainEvent['type'][];
  /**
   * Its documents hold no Map: they are written by JSON.stringify without the replacer that writes
   * Maps, which called for every value made writing a proxy register's 50,000 documents several
   * times slower (docs/performance.md, "The rebuild's CPU").
   */
  readonly plainDocuments?: boolean;
  /** The keys of the documents the event changes. */
  touched(event: RecordedDomainEvent): string[];
  /** The rows folded since the last call, to append (and then forget): see appended-rows.ts. */
  takeRows?(model: M): AppendedRow[];
  /**
   * Kept on disk and paged in, not held whole in memory: a model with a document per holder (the
   * proxy register) grows with the meeting. The model then holds only the documents in use: those
   * its `touched` keys name are loaded before an event is folded (holdDocument), and forgotten once
   * written (forgetDocument). The fold reads nothing else, so it folds as the whole model would.
   */
  readonly paged?: boolean;
}

export const documentKey = (section: string, id: string): string => `${section}:${id}`;

const splitKey = (key: string): [string, string] => {
  const at = key.indexOf(':');
  return [key.slice(0, at), key.slice(at + 1)];
};

const sectionOf = <M extends object>(model: M, section: string): Map<string, unknown> =>
  (model as unknown as Record<string, Map<string, unknown>>)[section];

/** Maps inside documents are written as {"$map": [[key, value], …]} and read back as Maps. */
const replacer = (_key: string, value: unknown) => (value instanceof Map ? { $map: [...value] } : value);
const reviver = (_key: string, value: unknown) =>
  value !== null && typeof value === 'object' && '$map' in value
    ? new Map((value as { $map: [unknown, unknown][] }).$map)
    : value;

/** The document under a key as stored, or undefined when there is none (the runner then removes it). */
export function documentOf<M extends object>(
  mapping: DocumentMapping<M>,
  model: M,
  key: string,
): string | undefined {
  const [section, id] = splitKey(key);
  if (!mapping.sections.includes(section as keyof M & string)) return undefined;
  const doc = sectionOf(model, section).get(id);
  if (doc === undefined) return undefined;
  return mapping.plainDocuments ? JSON.stringify(doc) : JSON.stringify(doc, replacer);
}

/** Whether the model holds the document under a key (a paged model holds those in use). */
export function holdsDocument<M extends object>(mapping: DocumentMapping<M>, model: M, key: string): boolean {
  const [section, id] = splitKey(key);
  return mapping.sections.includes(section as keyof M & string) && sectionOf(model, section).has(id);
}

/** A stored document into the model, as modelFromDocuments reads it. */
export function holdDocument<M extends object>(
  mapping: DocumentMapping<M>,
  model: M,
  key: string,
  text: string,
): void {
  const [section, id] = splitKey(key);
  if (mapping.sections.includes(section as keyof M & string)) sectionOf(model, section).set(id, parsed(text));
}

/** A reviver costs a call for every value: a document that holds no Map is parsed without one. */
const parsed = (text: string): unknown =>
  text.includes('"$map"') ? JSON.parse(text, reviver) : JSON.parse(text);

/** A document out of the model: it is on disk as written, and read back when next needed. */
export function forgetDocument<M extends object>(mapping: DocumentMapping<M>, model: M, key: string): void {
  const [section, id] = splitKey(key);
  if (mapping.sections.includes(section as keyof M & string)) sectionOf(model, section).delete(id);
}

export function modelFromDocuments<M extends object>(
  mapping: DocumentMapping<M>,
  documents: Iterable<[string, string]>,
): M {
  const model = mapping.initial();
  for (const [key, text] of documents) holdDocument(mapping, model, key, text);
  return model;
}

export function applyAndTouch<M extends object>(
  mapping: DocumentMapping<M>,
  model: M,
  event: RecordedDomainEvent,
  touched: Set<string>,
): void {
  mapping.apply(model, event);
  for (const key of mapping.touched(event)) touched.add(key);
}
