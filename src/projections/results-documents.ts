import { DomainEvent } from '../domain/events';
import { MeetingAttendance } from './attendance';
import { ResolutionOutcome } from './outcomes';
import { MeetingResults } from './poll-results';
import { applyToResults, initialResultsModels, ResultsModels } from './results-view';

/**
 * The storage mapping of the results read models: one document per meeting (poll results and
 * attendance) and per resolution (outcome), so that an event rewrites only the documents it touches.
 */
export type DocumentKey = `poll:${string}` | `attendance:${string}` | `outcome:${string}`;

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

export function documentOf(models: ResultsModels, key: DocumentKey): string | undefined {
  const [kind, id] = splitKey(key);
  const doc =
    kind === 'poll'
      ? models.poll.meetings.get(id)
      : kind === 'attendance'
        ? models.attendance.get(id)
        : models.outcomes.get(id);
  return doc === undefined ? undefined : JSON.stringify(doc, replacer);
}

export function modelsFromDocuments(documents: Iterable<[string, string]>): ResultsModels {
  const models = initialResultsModels();
  for (const [key, text] of documents) {
    const [kind, id] = splitKey(key as DocumentKey);
    const doc = JSON.parse(text, reviver);
    if (kind === 'poll') models.poll.meetings.set(id, doc as MeetingResults);
    else if (kind === 'attendance') models.attendance.set(id, doc as MeetingAttendance);
    else models.outcomes.set(id, doc as ResolutionOutcome);
  }
  return models;
}

const splitKey = (key: DocumentKey): [string, string] => {
  const at = key.indexOf(':');
  return [key.slice(0, at), key.slice(at + 1)];
};
