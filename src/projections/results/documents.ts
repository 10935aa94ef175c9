import { DomainEvent } from '../../domain/events';
import { MeetingAttendance } from './attendance';
import { ResolutionOutcome } from './outcomes';
import { MeetingResults } from './poll';
import { applyToResults, initialResultsModels, ResultsModels } from './view';

/**
 * The storage mapping of the results read models: one document per meeting (poll results,
 * attendance, and the register's holdings) and per resolution (outcome), so that an event rewrites
 * only the documents it touches. The holdings stay out of the poll document: at a meeting of 50,000
 * holders they would make every vote rewrite megabytes. Their own document changes only with the
 * register, and is one document rather than one per holder so that a cold `govrec results` reads
 * one row, not 50,000.
 */
export type DocumentKey =
  | `poll:${string}`
  | `attendance:${string}`
  | `outcome:${string}`
  | `holdings:${string}`
  /** Written by an earlier version, one per holder (`meeting/holder`); still read. */
  | `holding:${string}`;

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
  if (event.type === 'EntitlementsRecorded') keys.push(`holdings:${event.data.meetingId}`);
  return keys;
}

export function applyAndTouch(models: ResultsModels, event: DomainEvent, touched: Set<DocumentKey>): void {
  applyToResults(models, event);
  // A vote, a million times in a rebuild: its three keys without the arrays and strings built above.
  if (event.type === 'VoteCast') {
    const keys = voteKeys(event.data.meetingId, event.data.resolutionId);
    touched.add(keys.poll);
    touched.add(keys.attendance);
    touched.add(keys.outcome);
    return;
  }
  for (const key of touchedDocuments(event)) touched.add(key);
}

/**
 * A vote's three keys, those of the last vote's meeting and resolution kept: votes come in runs of
 * one resolution, and comparing ids read from the store is cheaper than looking them up.
 */
function voteKeys(meetingId: string, resolutionId: string): VoteKeys {
  if (meetingId !== lastVote.meetingId || resolutionId !== lastVote.resolutionId)
    lastVote = {
      meetingId,
      resolutionId,
      poll: keyOf(POLL_KEYS, 'poll:', meetingId),
      attendance: keyOf(ATTENDANCE_KEYS, 'attendance:', meetingId),
      outcome: keyOf(OUTCOME_KEYS, 'outcome:', resolutionId),
    };
  return lastVote;
}

interface VoteKeys {
  readonly meetingId: string;
  readonly resolutionId: string;
  readonly poll: DocumentKey;
  readonly attendance: DocumentKey;
  readonly outcome: DocumentKey;
}

let lastVote: VoteKeys = {
  meetingId: '',
  resolutionId: '',
  poll: 'poll:',
  attendance: 'attendance:',
  outcome: 'outcome:',
};

/** Document keys by id, built once per meeting or resolution (a handful) rather than once per vote. */
const POLL_KEYS = new Map<string, DocumentKey>();
const ATTENDANCE_KEYS = new Map<string, DocumentKey>();
const OUTCOME_KEYS = new Map<string, DocumentKey>();

function keyOf(keys: Map<string, DocumentKey>, prefix: string, id: string): DocumentKey {
  let key = keys.get(id);
  if (key === undefined) {
    if (keys.size >= 10_000) keys.clear();
    key = `${prefix}${id}` as DocumentKey;
    keys.set(id, key);
  }
  return key;
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

/** A meeting's holdings as [holderId, holding] pairs, parsed back without a reviver. */
const holdingsDocument = (m: MeetingResults | undefined) => (m === undefined ? undefined : [...m.holdings]);

export function documentOf(models: ResultsModels, key: DocumentKey): string | undefined {
  const [kind, id] = splitKey(key);
  const doc =
    kind === 'poll'
      ? pollDocument(models.poll.meetings.get(id))
      : kind === 'attendance'
        ? models.attendance.get(id)
        : kind === 'holdings'
          ? holdingsDocument(models.poll.meetings.get(id))
          : models.outcomes.get(id);
  if (doc === undefined) return undefined;
  return kind === 'holdings' ? JSON.stringify(doc) : JSON.stringify(doc, replacer);
}

type Holding = MeetingResults['holdings'] extends Map<string, infer H> ? H : never;

export function modelsFromDocuments(documents: Iterable<[string, string]>): ResultsModels {
  const models = initialResultsModels();
  const holdings: [string, [string, Holding][]][] = [];
  for (const [key, text] of documents) {
    const [kind, id] = splitKey(key as DocumentKey);
    if (kind === 'holdings') {
      holdings.push([id, JSON.parse(text) as [string, Holding][]]);
      continue;
    }
    if (kind === 'holding') {
      const at = id.indexOf('/');
      holdings.push([id.slice(0, at), [[id.slice(at + 1), JSON.parse(text) as Holding]]]);
      continue;
    }
    const doc = JSON.parse(text, reviver);
    // A poll document stored before the holdings had their own documents still holds them.
    if (kind === 'poll') models.poll.meetings.set(id, { holdings: new Map(), ...doc } as MeetingResults);
    else if (kind === 'attendance') models.attendance.set(id, doc as MeetingAttendance);
    else models.outcomes.set(id, doc as ResolutionOutcome);
  }
  // Keys are read in order, so holdings come before their meeting's poll document: set them after.
  for (const [meetingId, pairs] of holdings) {
    const m = models.poll.meetings.get(meetingId);
    if (m) for (const [holderId, holding] of pairs) m.holdings.set(holderId, holding);
  }
  return models;
}

const splitKey = (key: DocumentKey): [string, string] => {
  const at = key.indexOf(':');
  return [key.slice(0, at), key.slice(at + 1)];
};
