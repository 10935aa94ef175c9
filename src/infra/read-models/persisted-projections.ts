import { AppendedRow } from '../../projections/shared/appended-rows';
import { RecordedDomainEvent } from '../../projections/shared/recorded-event';
import { ANNOUNCEMENT_FACTS_DOCUMENTS } from '../../projections/announcement/documents';
import { HOLDER_INDEX_DOCUMENTS, MEETING_INDEX_DOCUMENTS } from '../../projections/audit/documents';
import { PROCEEDINGS_DOCUMENTS } from '../../projections/proceedings/documents';
import { HOLDER_HEADINGS_DOCUMENTS, PROXY_REGISTER_DOCUMENTS } from '../../projections/holders/documents';
import {
  DocumentMapping,
  documentOf as mappedDocumentOf,
  forgetDocument,
  holdDocument,
  holdsDocument,
  modelFromDocuments,
} from '../../projections/shared/documents';
import {
  applyAndTouch,
  DocumentKey,
  documentOf,
  modelsFromDocuments,
} from '../../projections/results/documents';
import { ResultsModels } from '../../projections/results/view';

/**
 * A read model as the projection runner keeps it: how to build it from its stored documents, fold
 * an event into it (noting the documents changed), and write a document back.
 */
export interface PersistedProjection<M> {
  readonly name: string;
  fromDocuments(documents: Iterable<[string, string]>): M;
  apply(model: M, event: RecordedDomainEvent, touched: Set<string>): void;
  /** The only event types `apply` need be given (DocumentMapping.folds); absent: every type. */
  readonly folds?: ReadonlySet<string>;
  documentOf(model: M, key: string): string | undefined;
  /** The rows folded since the last checkpoint, appended with the next one (then forgotten). */
  takeRows?(model: M): AppendedRow[];
  /** Set for a read model kept on disk and paged in (DocumentMapping.paged; paged-documents.ts). */
  readonly paged?: PagedDocuments<M>;
}

/** How the runner pages a read model's documents in and out of its model. */
export interface PagedDocuments<M> {
  /** The documents an event reads and changes: in the model before it is folded. */
  keysOf(event: RecordedDomainEvent): readonly string[];
  holds(model: M, key: string): boolean;
  hold(model: M, key: string, body: string): void;
  forget(model: M, key: string): void;
}

export const RESULTS: PersistedProjection<ResultsModels> = {
  name: 'results',
  fromDocuments: modelsFromDocuments,
  apply: (model, event, touched) => applyAndTouch(model, event, touched as Set<DocumentKey>),
  documentOf: (model, key) => documentOf(model, key as DocumentKey),
};

const mapped = <M extends object>(mapping: DocumentMapping<M>): PersistedProjection<M> => ({
  name: mapping.projection,
  fromDocuments: (documents) => modelFromDocuments(mapping, documents),
  apply: (model, event, touched) => {
    mapping.apply(model, event);
    for (const key of mapping.touched(event)) touched.add(key);
  },
  documentOf: (model, key) => mappedDocumentOf(mapping, model, key),
  ...(mapping.takeRows ? { takeRows: mapping.takeRows } : {}),
  ...(mapping.folds ? { folds: new Set<string>(mapping.folds) } : {}),
  ...(mapping.paged ? { paged: pagedDocuments(mapping) } : {}),
});

const pagedDocuments = <M extends object>(mapping: DocumentMapping<M>): PagedDocuments<M> => ({
  keysOf: (event) => mapping.touched(event),
  holds: (model, key) => holdsDocument(mapping, model, key),
  hold: (model, key, body) => holdDocument(mapping, model, key, body),
  forget: (model, key) => forgetDocument(mapping, model, key),
});

/** The audit trail is the store's events, paged; this is its index of holders (and the holder histories'). */
export const HOLDER_INDEX = mapped(HOLDER_INDEX_DOCUMENTS);
/** Its index of meetings and agenda items: an audit page of a meeting reads only that meeting's events. */
export const MEETING_INDEX = mapped(MEETING_INDEX_DOCUMENTS);
export const HOLDER_HEADINGS = mapped(HOLDER_HEADINGS_DOCUMENTS);
export const PROXY_REGISTER = mapped(PROXY_REGISTER_DOCUMENTS);
export const ANNOUNCEMENT_FACTS = mapped(ANNOUNCEMENT_FACTS_DOCUMENTS);
/** Each meeting's opening, quorum, poll times and certification, for the pages about it. */
export const PROCEEDINGS = mapped(PROCEEDINGS_DOCUMENTS);

/** Every read model govrec keeps, in the order they are folded (their models' types erased). */
export const ALL_PROJECTIONS: readonly PersistedProjection<unknown>[] = [
  RESULTS,
  HOLDER_INDEX,
  MEETING_INDEX,
  HOLDER_HEADINGS,
  PROXY_REGISTER,
  ANNOUNCEMENT_FACTS,
  PROCEEDINGS,
].map((p) => p as unknown as PersistedProjection<unknown>);

/** What `govrec results` and a results query read: the results read model alone. */
export const RESULTS_ONLY: readonly PersistedProjection<unknown>[] = [
  RESULTS as unknown as PersistedProjection<unknown>,
];
