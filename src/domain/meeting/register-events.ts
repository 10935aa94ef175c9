import * as t from 'io-ts';
import { boundedArray, closed, Id, NonEmptyString, PositiveInt, ShareCount } from '../shared/codecs';
import { event } from '../shared/command';
import { ShareClassCode } from '../shared/share-class';

/** The register of holders entitled at the record date, recorded in batches and closed with its totals. */

export const Entitlement = closed(
  t.readonly(
    t.intersection([
      t.type({ holderId: Id, shareClass: ShareClassCode, shares: ShareCount }),
      t.partial({ name: NonEmptyString }),
    ]),
  ),
);
export type Entitlement = t.OutputOf<typeof Entitlement>;

/** Largest register batch in one event: a register of 500,000 holders is 50+ events, never one huge one. */
export const MAX_ENTITLEMENTS_PER_BATCH = 5000;

export const EntitlementsRecorded = event(
  'EntitlementsRecorded',
  t.readonly(
    t.type({
      meetingId: Id,
      batch: PositiveInt,
      holders: boundedArray(Entitlement, 1, MAX_ENTITLEMENTS_PER_BATCH, 'EntitlementBatch'),
    }),
  ),
);

export const ClassTotal = t.readonly(
  t.type({ shareClass: ShareClassCode, holders: ShareCount, shares: ShareCount, votes: ShareCount }),
);
export type ClassTotal = t.OutputOf<typeof ClassTotal>;

export const RegisterClosed = event(
  'RegisterClosed',
  t.readonly(t.type({ meetingId: Id, batches: ShareCount, totals: t.readonlyArray(ClassTotal) })),
);
