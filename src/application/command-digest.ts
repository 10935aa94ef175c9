import { hash } from 'node:crypto';
import { GovrecCommand } from '../domain/commands';
import { canonicalJson, fieldJson, quote } from './canonical-json';

/**
 * SHA-256 of what a command asks, not when: a client's retry may carry a new issuedAt and is still
 * the same command. Kept in each event's metadata, so another command reusing a recorded id is
 * refused rather than taken for a retry. One-shot hash: computed for every command.
 */
export const commandDigest = (command: GovrecCommand): string => hash('sha256', digestInput(command));

/** canonicalJson({ type, actor, payload }): for a vote, written field by field. */
export function digestInput(command: GovrecCommand): string {
  const vote = command.type === 'CastVote' ? castVoteJson(command.actor, command.payload) : undefined;
  return vote ?? canonicalJson({ type: command.type, actor: command.actor, payload: command.payload });
}

/**
 * A vote's canonical JSON without sorting its keys: a vote's payload fields are known, so they are
 * read into their places and written in code-point order (abstain, against, brokerNonVote, for,
 * holderId, meetingId, resolutionId, shareClass) as canonicalJson writes them. Undefined for
 * anything else (a field it does not know, a payload that is not an object, a required field
 * missing), which the general canonicalJson then writes: the bytes are the same either way
 * (test/application/command-digest.test.ts).
 */
function castVoteJson(actor: unknown, payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
  const p = payload as Record<string, unknown>;
  let abstain, against, brokerNonVote, votesFor, holderId, meetingId, resolutionId, shareClass: unknown;
  // Only own enumerable fields are read, as canonicalJson reads them.
  const keys = Object.keys(p);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (key === 'abstain') abstain = p.abstain;
    else if (key === 'against') against = p.against;
    else if (key === 'brokerNonVote') brokerNonVote = p.brokerNonVote;
    else if (key === 'for') votesFor = p.for;
    else if (key === 'holderId') holderId = p.holderId;
    else if (key === 'meetingId') meetingId = p.meetingId;
    else if (key === 'resolutionId') resolutionId = p.resolutionId;
    else if (key === 'shareClass') shareClass = p.shareClass;
    else return undefined;
  }
  // The first field is written without a comma before it, the others with one.
  if (abstain === undefined || actor === undefined) return undefined;
  if (against === undefined || votesFor === undefined || holderId === undefined) return undefined;
  if (meetingId === undefined || resolutionId === undefined) return undefined;
  const broker = brokerNonVote === undefined ? '' : `,"brokerNonVote":${fieldJson(brokerNonVote)}`;
  const shareClassJson = shareClass === undefined ? '' : `,"shareClass":${repeatedJson(shareClass)}`;
  return `{"actor":${repeatedJson(actor)},"payload":{"abstain":${fieldJson(abstain)},"against":${fieldJson(against)}${broker},"for":${fieldJson(votesFor)},"holderId":${fieldJson(holderId)},"meetingId":${repeatedJson(meetingId)},"resolutionId":${repeatedJson(resolutionId)}${shareClassJson}},"type":"CastVote"}`;
}

/** fieldJson of a value that repeats from one vote to the next (the actor, meeting, resolution, class). */
const repeatedJson = (value: unknown): string =>
  typeof value === 'string' ? quote(value) : fieldJson(value);
