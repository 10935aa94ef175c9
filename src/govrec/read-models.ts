import { ALL_PROJECTIONS, PersistedProjection } from '../infra/read-models/persisted-projections';

/** The read models govrec keeps, by name. */
export const READ_MODEL_NAMES = ALL_PROJECTIONS.map((p) => p.name);

/**
 * A read model's name: `results` (poll results, attendance, outcomes), `holder-index`,
 * `meeting-index`, `holder-headings`, `proxy-register`, `announcement-facts`, `proceedings`.
 */
export type ReadModelName = string;

/** The projections to keep: the named ones (results always), or all. */
export function projectionsNamed(
  names: readonly ReadModelName[] | undefined,
): readonly PersistedProjection<unknown>[] {
  if (!names) return ALL_PROJECTIONS;
  const unknown = names.filter((n) => !READ_MODEL_NAMES.includes(n));
  if (unknown.length > 0)
    throw new RangeError(`No read model ${unknown.join(', ')}: govrec keeps ${READ_MODEL_NAMES.join(', ')}`);
  return ALL_PROJECTIONS.filter((p) => p.name === 'results' || names.includes(p.name));
}
