import { DomainEvent } from '../domain/events';
import { MeetingAttendance } from './attendance';
import { ResolutionOutcome } from './outcomes';
import { MeetingResults } from './poll-results';
import { applyToResults, initialResultsModels, ResultsModels } from './results-view';

/**
 * The storage mapping of the results read models: one document per meeting (poll results and
 * attendance), per resolution (outcome), and per holder on a meeting's register (its holding), so
 * that an event rewrites only the documents it touches. The holdings stay out of the poll document:
 * at a meeting of 50,000 holders they would make every vote rewrite megabytes.
 */
export type DocumentKey =
  `poll:${string}` | `attendance:${string}` | `outcome:${string}` | `holding:${string}`;

/** '/' never occurs in an Id, so the pair cannot be confused with another. */
const holdingId = (meetingId: string, holderId: string): string => `${meetingId}/${holderId}`;

/** The documents an event changes. */
export function touchedDocuments(event: DomainEvent): DocumentKey[] {
  const data = event.data as {
    meetingId?: string;
    resolutionId?: string;
    meetings?: readonly { meetingId: string }[];
  };
  const meetings = data.meetingId
    ? [data.meetingId]
    : event.type === 'ResolutionProposed'
      ? data.meetings!.map((m) => m.meetingId)
      : [];
  const keys: DocumentKey[] = meetings.flatMap((id) => [`poll:${id}`, `attendance:${id}`] as DocumentKey[]);
  if (data.resolutionId) keys.push(`outcome:${data.resolutionId}`);
  if (event.type === 'EntitlementsRecorded')
    for (const h of event.data.holders) keys.push(`holding:${holdingId(event.data.meetingId, h.holderId)}`);
  return keys;
}

export function applyAndTouch(models: ResultsModels, event: DomainEvent, touched: Set<DocumentKey>): void {
  applyToResults(models, event);
  for (const key of touchedDocuments(event)) touched.add(key);
}

/** Maps inside documents are written as {"$map": [[key, value], …]} and read back as Maps. */
const replacer = (_key: string, value: unknown) => (value instanceof Map ? { $map: [...value] } : value);
const reviver = (_key: string, value: unknown) =>
  value !== null && typeof value === 'object' && '$map' in value
    ? new Map((value as { $map: [unknown, unknown][] }).$map)
    : value;

/** A meeting's poll results as stored: everything but the holdings, which have their own documents. */
const pollDocument = (m: MeetingResults | undefined) => {
  if (m === undefined) return undefined;
  const { holdings: _holdings, ...rest } = m;
  return rest;
};

function holdingOf(models: ResultsModels, id: string) {
  const at = id.indexOf('/');
  return models.poll.meetings.get(id.slice(0, at))?.holdings.get(id.slice(at + 1));
}

export function documentOf(models: ResultsModels, key: DocumentKey): string | undefined {
  const [kind, id] = splitKey(key);
  const doc =
    kind === 'poll'
      ? pollDocument(models.poll.meetings.get(id))
      : kind === 'attendance'
        ? models.attendance.get(id)
        : kind === 'holding'
          ? holdingOf(models, id)
          : models.outcomes.get(id);
  return doc === undefined ? undefined : JSON.stringify(doc, replacer);
}

type Holding = MeetingResults['holdings'] extends Map<string, infer H> ? H : never;

export function modelsFromDocuments(documents: Iterable<[string, string]>): ResultsModels {
  const models = initialResultsModels();
  const holdings: [string, Holding][] = [];
  for (const [key, text] of documents) {
    const [kind, id] = splitKey(key as DocumentKey);
    const doc = JSON.parse(text, reviver);
    // A poll document stored before the holdings had their own documents still holds them.
    if (kind === 'poll') models.poll.meetings.set(id, { holdings: new Map(), ...doc } as MeetingResults);
    else if (kind === 'attendance') models.attendance.set(id, doc as MeetingAttendance);
    else if (kind === 'holding') holdings.push([id, doc as Holding]);
    else models.outcomes.set(id, doc as ResolutionOutcome);
  }
  // Keys are read in order, so holdings come before their meeting's poll document: set them after.
  for (const [id, holding] of holdings) {
    const at = id.indexOf('/');
    models.poll.meetings.get(id.slice(0, at))?.holdings.set(id.slice(at + 1), holding);
  }
  return models;
}

const splitKey = (key: DocumentKey): [string, string] => {
  const at = key.indexOf(':');
  return [key.slice(0, at), key.slice(at + 1)];
};
