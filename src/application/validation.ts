import * as t from 'io-ts';
import { Either, left, mapLeft, right } from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { DomainError, refuse } from '../domain/shared/errors';
import { COMMAND_CODECS, GovrecCommand } from '../domain/commands';
import { phraseFor } from '../domain/shared/codec-phrases';
import { describeValue, pathOf } from '../domain/shared/decode-error';
import { isPlainCastVote } from './cast-vote-check';

/**
 * The most specific failure of a decode, as a DomainError naming the field and the type it breaks.
 * For a union of commands, the member whose `type` matched is the one whose errors are reported.
 */
export function firstError(errors: t.Errors): DomainError {
  const deepest = [...errors].sort((a, b) => pathOf(b.context).length - pathOf(a.context).length);
  const relevant = deepest.find((e) => !pathOf(e.context).endsWith('type')) ?? deepest[0];
  const field = pathOf(relevant.context) || '(root)';
  const expected = relevant.context[relevant.context.length - 1]?.type.name ?? 'value';
  if (expected === 'UnknownField')
    return refuse('Invalid:UnknownField', field, `${field} is not a field of this command`);
  return refuse(
    `Invalid:${expected}`,
    field,
    `${field} must be ${phraseFor(expected)}; got ${describeValue(relevant.value)}`,
  );
}

/** Decodes with a codec and turns failures into one DomainError. */
export const decodeWith =
  <A>(codec: t.Decoder<unknown, A>) =>
  (raw: unknown): Either<DomainError, A> =>
    pipe(codec.decode(raw), mapLeft(firstError));

export const unknownCommandType = (raw: unknown): Either<DomainError, never> =>
  left(
    refuse(
      'UnknownCommandType',
      'type',
      `Unknown command type ${describeValue((raw as { type?: unknown })?.type)}`,
    ),
  );

/** Commands the command handler issues itself; no client may send them. */
const HANDLER_COMMANDS = new Set([
  'TableResolution',
  'ClosePollOnResolution',
  'TableElection',
  'ClosePollOnElection',
]);

const ENVELOPE_FIELDS = new Set([
  'type',
  'payload',
  'commandId',
  'actor',
  'issuedAt',
  'correlationId',
  'causationId',
]);

/** Decodes a command by first choosing the codec its `type` names. Clients may not send TableResolution. */
export function decodeCommand(raw: unknown): Either<DomainError, GovrecCommand> {
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  const codec =
    typeof type === 'string' && !HANDLER_COMMANDS.has(type) ? COMMAND_CODECS.get(type) : undefined;
  if (!codec) return unknownCommandType(raw);
  const unknown = unknownEnvelopeField(raw as object);
  if (unknown !== undefined)
    return left(refuse('Invalid:UnknownField', unknown, `${unknown} is not a field of a command`));
  // The codec would answer a valid vote with the input itself; a vote it may refuse goes to it.
  if (type === 'CastVote' && isPlainCastVote(raw)) return right(raw as GovrecCommand);
  return decodeWith<GovrecCommand>(codec)(raw);
}

function unknownEnvelopeField(raw: object): string | undefined {
  const keys = Object.keys(raw);
  for (let i = 0; i < keys.length; i++) if (!ENVELOPE_FIELDS.has(keys[i])) return keys[i];
  return undefined;
}
