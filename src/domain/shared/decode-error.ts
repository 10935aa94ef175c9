import * as t from 'io-ts';
import { phraseFor } from './codec-phrases';
import { DomainError, refuse } from './errors';

const isArrayCodec = (codec: t.Decoder<unknown, unknown> | undefined): boolean =>
  codec instanceof t.ArrayType ||
  codec instanceof t.ReadonlyArrayType ||
  ((codec instanceof t.RefinementType || codec instanceof t.ReadonlyType) && isArrayCodec(codec.type));

/** A failed check's path as a field name, e.g. ruleSets[2].quorum.floor; union and intersection member indexes dropped. */
export const pathOf = (context: t.Context): string =>
  context
    .slice(1)
    .filter((entry, i) => !/^\d+$/.test(entry.key) || isArrayCodec(context[i].type))
    .reduce(
      (path, entry) =>
        /^\d+$/.test(entry.key) ? `${path}[${entry.key}]` : path ? `${path}.${entry.key}` : entry.key,
      '',
    );

export const describeValue = (value: unknown): string => {
  if (value === undefined) return 'missing';
  const text = JSON.stringify(value);
  return text === undefined ? typeof value : text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

/**
 * The most specific failure of a decode as a DomainError under `rule`, naming the field and the
 * codec it breaks (the same reading of io-ts errors as the command decoder's, for data that is not
 * a command, such as a file of rule sets).
 */
export function decodeError(rule: string, errors: t.Errors): DomainError {
  const deepest = [...errors].sort((a, b) => pathOf(b.context).length - pathOf(a.context).length);
  const relevant = deepest[0];
  const field = (relevant && pathOf(relevant.context)) || '(root)';
  const expected = relevant?.context[relevant.context.length - 1]?.type.name ?? 'value';
  return refuse(
    rule,
    field,
    `${field} must be ${phraseFor(expected)}; got ${describeValue(relevant?.value)}`,
  );
}
