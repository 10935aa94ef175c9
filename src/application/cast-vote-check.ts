import { Id, IsoDateTime, NonEmptyString, ShareCount } from '../domain/shared/codecs';
import { ShareClassCode } from '../domain/shared/share-class';

/** resolutionId, meetingId, holderId, for, against, abstain. */
const REQUIRED_FIELDS = 6;
const isPlainObject = (u: unknown): u is Record<string, unknown> =>
  Object.prototype.toString.call(u) === '[object Object]';
const optional = (value: unknown, is: (u: unknown) => boolean): boolean => value === undefined || is(value);

/**
 * True when `raw` is a CastVote command the io-ts codec accepts as it is: the checks of the codec
 * (CastVote in resolution/commands.ts, the metadata of shared/command.ts) made with the same
 * codecs' own `is`, without the contexts, Eithers and merged objects a full decode builds for every
 * vote (a tenth of an ingest's CPU). The codec answers the input itself in that case, so the caller
 * may too. False says nothing: the caller decodes with the codec, which gives the refusal its
 * typed error. Only its soundness matters, and test/application/cast-vote-check.test.ts checks it
 * against the codec on valid and invalid commands. The envelope's own fields are checked by the caller.
 */
export function isPlainCastVote(raw: unknown): boolean {
  if (!isPlainObject(raw) || raw.type !== 'CastVote') return false;
  if (!Id.is(raw.commandId) || !NonEmptyString.is(raw.actor) || !IsoDateTime.is(raw.issuedAt)) return false;
  if (!optional(raw.correlationId, Id.is) || !optional(raw.causationId, Id.is)) return false;
  const p = raw.payload;
  if (!isPlainObject(p)) return false;
  // Object.keys gives own enumerable fields, each once: six required ones among them are all six.
  let required = 0;
  const keys = Object.keys(p);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key === 'resolutionId' || key === 'meetingId' || key === 'holderId') {
      if (!Id.is(p[key])) return false;
      required++;
    } else if (key === 'for' || key === 'against' || key === 'abstain') {
      if (!ShareCount.is(p[key])) return false;
      required++;
    } else if (key === 'shareClass') {
      if (!optional(p[key], ShareClassCode.is)) return false;
    } else if (key === 'brokerNonVote') {
      if (!optional(p[key], ShareCount.is)) return false;
    } else return false;
  }
  // An inherited required field was not among the keys checked above.
  return required === REQUIRED_FIELDS;
}
