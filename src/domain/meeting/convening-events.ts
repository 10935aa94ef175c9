import * as t from 'io-ts';
import { boundedArray, Id, IsoDate, IsoDateTime, NonEmptyString, ShareCount } from '../shared/codecs';
import { event } from '../shared/command';
import { Company, ShareClass } from '../shared/share-class';
import { RuleSet } from '../rules/rule-set';
import { Presentation } from '../rules/presentation';

/**
 * Convening the meeting: scheduled under a rule set, copied whole; its notice; its record date.
 */

/**
 * AGM, EGM, SGM (a "special general meeting", as many Hong Kong issuers call a general meeting other
 * than the annual one: noticed as an EGM) or a CLASS meeting of one share class.
 */
export const MeetingKind = t.keyof({ AGM: null, EGM: null, SGM: null, CLASS: null });
export type MeetingKind = t.TypeOf<typeof MeetingKind>;

export const MeetingScheduled = event(
  'MeetingScheduled',
  t.readonly(
    t.type({
      meetingId: Id,
      company: Company,
      kind: MeetingKind,
      title: NonEmptyString,
      shareClasses: boundedArray(ShareClass, 1, 16, 'ShareClasses'),
      startsAt: IsoDateTime,
      place: NonEmptyString,
      /**
       * The rules in force, copied whole: replaying the record decides as it decided then. Version 2
       * of this event carries the rule set with its record date window, over-vote policy and the rest.
       */
      ruleSet: RuleSet,
      /**
       * How the results are published: the rule set's presentation with the meeting's own choices
       * over it (version 3; earlier versions are upcast to DEFAULT_PRESENTATION, as they printed).
       */
      presentation: Presentation,
    }),
  ),
);

export const NoticeIssued = event(
  'NoticeIssued',
  t.readonly(
    t.intersection([
      t.type({ meetingId: Id, issuedOn: IsoDate, clearDays: ShareCount }),
      t.partial({ circular: t.readonly(t.type({ title: NonEmptyString, date: IsoDate })) }),
    ]),
  ),
);

export const RecordDateFixed = event(
  'RecordDateFixed',
  t.readonly(t.type({ meetingId: Id, recordDate: IsoDate })),
);
