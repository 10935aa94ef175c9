import { canonicalJson, fieldJson, quote } from './canonical-json';

/**
 * An event's data as canonical JSON (canonical-json.ts), the one form a store keeps it in. A vote's
 * data, which a bulk ingest writes for every vote, is written by its known shape: its fields in
 * their places and in code-point order, no keys sorted, and one text for the figures that are one
 * object (the domain makes a vote's instructed, counted and weighted figures one object when they
 * are equal, as they are for most votes). Anything not of that shape (a field it does not know, a
 * value of another type, a required field missing) is left to the general canonicalJson: the bytes
 * are the same either way (test/application/event-data-json.test.ts). Undefined for what JSON
 * cannot hold, as canonicalJson.
 */
export function eventDataJson(type: string, data: unknown): string | undefined {
  return (type === 'VoteCast' ? voteCastJson(data) : undefined) ?? canonicalJson(data);
}

/**
 * VoteCast's data, field by field in code-point order: brokerNonVotes, castBy, holderId,
 * instructed, meetingId, proRatedTo, proxyId, resolutionId, shareClass, shares, votes.
 */
function voteCastJson(data: unknown): string | undefined {
  if (!isObject(data)) return undefined;
  let brokerNonVotes, castBy, holderId, instructed, meetingId, proRatedTo, proxyId: unknown;
  let resolutionId, shareClass, shares, votes: unknown;
  // Only own enumerable fields are read, as canonicalJson reads them.
  const keys = Object.keys(data);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key === 'brokerNonVotes') brokerNonVotes = data.brokerNonVotes;
    else if (key === 'castBy') castBy = data.castBy;
    else if (key === 'holderId') holderId = data.holderId;
    else if (key === 'instructed') instructed = data.instructed;
    else if (key === 'meetingId') meetingId = data.meetingId;
    else if (key === 'proRatedTo') proRatedTo = data.proRatedTo;
    else if (key === 'proxyId') proxyId = data.proxyId;
    else if (key === 'resolutionId') resolutionId = data.resolutionId;
    else if (key === 'shareClass') shareClass = data.shareClass;
    else if (key === 'shares') shares = data.shares;
    else if (key === 'votes') votes = data.votes;
    else return undefined;
  }
  // castBy is the first field written after the optional brokerNonVotes: a comma follows it.
  if (typeof castBy !== 'string' || typeof holderId !== 'string' || typeof meetingId !== 'string')
    return undefined;
  if (typeof resolutionId !== 'string' || typeof shareClass !== 'string') return undefined;
  const instructedJson = splitJson(instructed);
  const sharesJson = shares === instructed ? instructedJson : splitJson(shares);
  const votesJson = votes === shares ? sharesJson : votes === instructed ? instructedJson : splitJson(votes);
  if (instructedJson === undefined || sharesJson === undefined || votesJson === undefined) return undefined;
  const broker = brokerNonVotes === undefined ? '' : `"brokerNonVotes":${canonicalJson(brokerNonVotes)},`;
  const proRated = proRatedTo === undefined ? '' : `,"proRatedTo":${fieldJson(proRatedTo)}`;
  const proxy = proxyId === undefined ? '' : `,"proxyId":${fieldJson(proxyId)}`;
  return `{${broker}"castBy":${quote(castBy)},"holderId":${JSON.stringify(holderId)},"instructed":${instructedJson},"meetingId":${quote(meetingId)}${proRated}${proxy},"resolutionId":${quote(resolutionId)},"shareClass":${quote(shareClass)},"shares":${sharesJson},"votes":${votesJson}}`;
}

/** A Split ({ abstain, against, for }, finite numbers), or undefined for anything else. */
function splitJson(split: unknown): string | undefined {
  if (!isObject(split)) return undefined;
  const { abstain, against } = split;
  const votesFor = split.for;
  if (typeof abstain !== 'number' || typeof against !== 'number' || typeof votesFor !== 'number')
    return undefined;
  if (!Number.isFinite(abstain) || !Number.isFinite(against) || !Number.isFinite(votesFor)) return undefined;
  // Own enumerable fields: these three and no other (an inherited one would not be written).
  const keys = Object.keys(split);
  if (keys.length !== 3) return undefined;
  for (let i = 0; i < 3; i++)
    if (keys[i] !== 'abstain' && keys[i] !== 'against' && keys[i] !== 'for') return undefined;
  return `{"abstain":${abstain},"against":${against},"for":${votesFor}}`;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
