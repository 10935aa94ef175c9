import * as t from 'io-ts';
import { closed, NonEmptyString, PositiveInt, ShareCount } from './codecs';

export const ShareClassCode = t.refinement(t.string, (s) => /^[A-Za-z0-9]{1,16}$/.test(s), 'ShareClassCode');

/** A class of the company's shares as it stands for a meeting. */
export const ShareClass = closed(
  t.readonly(
    t.type({
      /** e.g. 'A', 'H', 'ORD', 'B'. */
      code: ShareClassCode,
      issuedShares: ShareCount,
      /** 1 unless the class carries weighted voting rights. */
      votesPerShare: PositiveInt,
    }),
  ),
);
export type ShareClass = t.OutputOf<typeof ShareClass>;

export const Company = closed(
  t.readonly(
    t.intersection([
      t.type({ name: NonEmptyString }),
      t.partial({ stockCode: NonEmptyString, incorporation: NonEmptyString }),
    ]),
  ),
);
export type Company = t.OutputOf<typeof Company>;
