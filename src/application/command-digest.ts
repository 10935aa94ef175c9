import { hash } from 'node:crypto';
import { GovrecCommand } from '../domain/commands';
import { canonicalJson } from './canonical-json';

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
 * read into their places in code-point order (abstain, against, brokerNonVote, for, holderId,
 * meetingId, resolutionId, shareClass) and written as canonicalJson writes them. Undefined for
 * anything else (a field it does not know, a payload that is not an object), which the general
 * canonicalJson then writes: the bytes are the same either way (test/application/command-digest.test.ts).
 */
function castVoteJson(actor: unknown, payload: unknown): string | undefined {
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
  const p = payload as Record<string, unknown>;
  // Slots in code-point order of the field names; only own enumerable fields are read, as canonicalJson does.
  const slots: unknown[] = [
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
  ];
  const keys = Object.keys(p);
  for (let i = 0; i < keys.length; i++) {
    const slot = VOTE_SLOTS.get(keys[i]);
    if (slot === undefined) return undefined;
    slots[slot] = p[keys[i]];
  }
  let out = '';
  for (let s = 0; s < slots.length; s++) {
    const value = slots[s];
    if (value === undefined) continue;
    out += `${out.length === 0 ? '' : ','}${VOTE_KEYS[s]}${fieldJson(value)}`;
  }
  const top = actor === undefined ? '' : `"actor":${fieldJson(actor)},`;
  return `{${top}"payload":{${out}},"type":"CastVote"}`;
}

const VOTE_FIELDS = [
  'abstain',
  'against',
  'brokerNonVote',
  'for',
  'holderId',
  'meetingId',
  'resolutionId',
  'shareClass',
];
const VOTE_SLOTS = new Map(VOTE_FIELDS.map((key, slot) => [key, slot]));
const VOTE_KEYS = VOTE_FIELDS.map((key) => `${JSON.stringify(key)}:`);

/** A field's JSON as canonicalJson writes it (a finite number is its String()). */
const fieldJson = (value: unknown): string =>
  typeof value === 'number' && Number.isFinite(value)
    ? String(value)
    : typeof value === 'string'
      ? JSON.stringify(value)
      : canonicalJson(value);
