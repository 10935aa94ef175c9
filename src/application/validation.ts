import * as t from 'io-ts';
import { Either, left, mapLeft } from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { DomainError, refuse } from '../domain/shared/errors';
import { COMMAND_CODECS, GovrecCommand } from '../domain/commands';

/** The path of a failed io-ts check as a field name, e.g. payload.holders[3].shares. */
const pathOf = (context: t.Context): string =>
  context
    .slice(1)
    .filter((_entry, i, all) => {
      // Unions and intersections add entries keyed by member index; keep only real keys.
      const parent = all[i - 1]?.type ?? context[0].type;
      return !(parent instanceof t.UnionType || parent instanceof t.IntersectionType);
    })
    .reduce(
      (path, entry) =>
        /^\d+$/.test(entry.key) ? `${path}[${entry.key}]` : path ? `${path}.${entry.key}` : entry.key,
      '',
    );

const describe = (value: unknown): string => {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value);
  return text === undefined ? typeof value : text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/**
 * The most specific failure of a decode, as a DomainError naming the field and the type it breaks.
 * For a union of commands, the member whose `type` matched is the one whose errors are reported.
 */
export function firstError(errors: t.Errors): DomainError {
  const deepest = [...errors].sort((a, b) => pathOf(b.context).length - pathOf(a.context).length);
  const relevant = deepest.find((e) => !pathOf(e.context).endsWith('type')) ?? deepest[0];
  const field = pathOf(relevant.context) || '(root)';
  const expected = relevant.context[relevant.context.length - 1]?.type.name ?? 'value';
  return refuse(
    `Invalid:${expected}`,
    field,
    `${field} must be ${expected}; got ${describe(relevant.value)}`,
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
      `Unknown command type ${describe((raw as { type?: unknown })?.type)}`,
    ),
  );

/** Decodes a command by first choosing the codec its `type` names. Clients may not send TableResolution. */
export function decodeCommand(raw: unknown): Either<DomainError, GovrecCommand> {
  const type = typeof raw === 'object' && raw !== null ? (raw as { type?: unknown }).type : undefined;
  const codec = typeof type === 'string' && type !== 'TableResolution' ? COMMAND_CODECS.get(type) : undefined;
  if (!codec) return unknownCommandType(raw);
  return decodeWith<GovrecCommand>(codec)(raw);
}
