import { percent } from '../../domain/shared/exact';
import { dateOf } from '../../domain/shared/dates';
import { Split } from '../../domain/resolution/events';
import { Attendance, MeetingAttendance } from './attendance';
import { ResultsModels } from './models';
import { MeetingResults, PollResults, ResolutionResult } from './poll';
import { electionView, ElectionView } from './elections';
import { BaseFigures, otherBases, rowPercentages } from './percentages';
import {
  byClasses,
  classAttendance,
  ClassAttendanceView,
  classResults,
  ClassResultView,
  resolutionWeights,
  ResolutionWeightsView,
} from './classes';
import { MajorityBase } from '../../domain/rules/majority-rule';
import { labelOf } from '../../domain/shared/resolution-label';
import { DEFAULT_PRESENTATION, inFieldOrder, Presentation } from '../../domain/rules/presentation';
import { requiredAbstention, RequiredAbstentionView, validlyCast, ValidlyCastView } from './disclosures';

// The read model itself, for those who import it from here, as before it had a file of its own.
export { applyToResults, foldResults, initialResultsModels } from './models';
export type { ResultsModels } from './models';

/** `{ key: value }` where the value is defined, `{}` where it is not. */
const optional = <K extends string, V>(key: K, value: V | undefined): { [k in K]?: V } =>
  (value === undefined ? {} : { [key]: value }) as { [k in K]?: V };

/**
 * The results as a registrar reads them, in the shape of the reference's expected-results.json:
 * counts are votes (equal to shares unless a class carries weighted votes, in which case the share
 * figures are given beside them) and percentages are exact, half-up, at the meeting's presentation's
 * decimals and on its base, as strings.
 */
export interface ResolutionView {
  /** Its number on this meeting's agenda: its place in the notice's order, which every output follows. */
  no: number;
  /** Its label as the notice prints it: "1", "2(a)", "(b)"; its number where the notice gives no other. */
  label: string;
  /** The resolution's id. */
  resolutionId: string;
  /** An ordinary or a special resolution. */
  type: 'ordinary' | 'special';
  /** The resolution as the notice words it. */
  title: string;
  /** Votes FOR. */
  for: number;
  /** Votes AGAINST. */
  against: number;
  /** Votes ABSTAINED. */
  abstain: number;
  /** FOR as a percentage of the base the meeting's presentation shows ({@link ResolutionView.percentOf}). */
  forPct: string;
  /** AGAINST as a percentage of the same base. */
  againstPct: string;
  /** ABSTAIN as a percentage of the same base; absent where that base leaves abstentions out (UK: withheld). */
  abstainPct?: string;
  /** What every percentage of the row is of. */
  percentOf: MajorityBase;
  /** null while voting at this meeting is open, and for a resolution withdrawn from it. */
  passed: boolean | null;
  /** The shares behind the votes FOR, AGAINST and ABSTAIN; given only where a class carries weighted votes. */
  shares?: Split;
  /** Votes a broker returned uninstructed, where the rule set reports them: in no percentage. */
  brokerNonVotes?: number;
  /** Withdrawn from this meeting before its poll: neither passed nor failed. */
  withdrawn?: true;
  /** Put to the meeting on a holders' provisional proposal. */
  proposedByHolders?: true;
  /** A row per class, beside the total; given where the meeting has more than one class. */
  classes?: ClassResultView[];
  /** The weights voted with, where the resolution sets its own (a reserved matter), and the votes on them. */
  weights?: ResolutionWeightsView;
  /** UK CA 2006 s.341(1A): the votes validly cast and the proportion of the issued capital they represent. */
  validlyCast: ValidlyCastView;
  /** HK: the holding required to abstain, as a percentage of the issued shares, and the independent shares. */
  requiredToAbstain?: RequiredAbstentionView;
}

/** One meeting's results: its attendance and the poll on each resolution put to it. */
export interface MeetingView {
  /** The meeting's id. */
  id: string;
  /** An annual general meeting, an extraordinary general meeting, or a meeting of one share class. */
  kind: 'AGM' | 'EGM' | 'SGM' | 'CLASS';
  /** The meeting as its notice names it. */
  title: string;
  /** The date the meeting was held: as postponed, or of its last resumption after an adjournment. */
  heldOn: string;
  /** The codes of the share classes that vote at it. */
  shareClasses: string[];
  /** The shares on the register entitled to vote at the meeting, every class together. */
  sharesEntitledToVote: number;
  /** Shares of holders required to abstain on every resolution at the meeting. */
  sharesRequiredToAbstain: number;
  /** Shares present in person, by proxy or by corporate representative. */
  attendingShares: number;
  /** The attending shares as a percentage of the shares entitled to vote. */
  attendingPercent: string;
  /** The votes those shares carry; given only where a class carries weighted votes. */
  votesEntitledToVote?: number;
  /** The votes the attending shares carry; given only where a class carries weighted votes. */
  attendingVotes?: number;
  /** Holders who voted online (the A-share network vote) and the shares they represent; given where any did. */
  attendingOnline?: { holders: number; shares: number; percent: string };
  /** The register and the attendance of each class; given where the meeting has more than one class. */
  classes?: ClassAttendanceView[];
  /**
   * How final the figures are: DRAFT before the poll opens, POLL_OPEN while votes come in, CLOSED
   * once the poll (or the meeting) has closed but before the scrutineer certifies, CERTIFIED after.
   */
  status: 'DRAFT' | 'POLL_OPEN' | 'CLOSED' | 'CERTIFIED';
  /**
   * Set by govrec (govrec/certified-figures.ts) when the figures shown are not those the record
   * certified, even after the read models were folded again: they must not be published.
   */
  integrity?: 'MISMATCH';
  /** How the meeting's results are published: the base and decimals of the percentages, labels, dates. */
  presentation: Presentation;
  /** The poll on each resolution put to the meeting, in agenda order. */
  resolutions: ResolutionView[];
  /** Elections by cumulative voting, in agenda order; absent at a meeting that holds none. */
  elections?: ElectionView[];
}

/**
 * A resolution's overall outcome: passed only if every meeting it was put to passed it (an EGM and
 * its class meetings, say).
 */
export interface OutcomeView {
  /** The resolution's id. */
  resolutionId: string;
  /** The resolution as the notice words it. */
  title: string;
  /** An ordinary or a special resolution. */
  type: 'ordinary' | 'special';
  /** Whether each of its meetings passed it; null while that meeting's vote is open, or if withdrawn there. */
  meetings: { meetingId: string; passed: boolean | null }[];
  /** null while undetermined; stays null for a resolution withdrawn from any of its meetings. */
  passed: boolean | null;
  /** Withdrawn from at least one of its meetings: it can have no overall outcome. */
  withdrawn?: true;
}

/** The results of every meeting, and every resolution's overall outcome: what `govrec replay --format json` prints. */
export interface ResultsView {
  /** Each meeting's results, in the order the meetings were held. */
  meetings: MeetingView[];
  /** Each resolution's overall outcome, by resolution id. */
  outcomes: OutcomeView[];
}

function resolutionView(
  r: ResolutionResult,
  weighted: boolean,
  presentation: Presentation,
  others: BaseFigures,
  classes: ClassResultView[] | undefined,
  weights: ResolutionWeightsView | undefined,
  disclosures: Pick<ResolutionView, 'validlyCast' | 'requiredToAbstain'>,
): ResolutionView {
  return {
    no: r.number,
    label: labelOf(r),
    resolutionId: r.resolutionId,
    type: r.kind === 'ORDINARY' ? 'ordinary' : 'special',
    title: r.title,
    for: r.votes.for,
    against: r.votes.against,
    abstain: r.votes.abstain,
    ...rowPercentages(r.votes, r.majorityRule?.base, others, presentation),
    passed: r.passed ?? null,
    ...(weighted ? { shares: r.shares } : {}),
    ...(r.brokerNonVotes ? { brokerNonVotes: r.brokerNonVotes.votes } : {}),
    ...(r.withdrawn ? { withdrawn: true as const } : {}),
    ...(r.proposedByHolders ? { proposedByHolders: true as const } : {}),
    ...(classes ? { classes } : {}),
    ...(weights ? { weights } : {}),
    ...disclosures,
  };
}

/** Those who voted online, as a share of the entitled shares; undefined where nobody did. */
function onlineView(
  attended: MeetingAttendance | undefined,
  entitledShares: number,
  decimals: number,
): MeetingView['attendingOnline'] {
  const online = attended?.byMode.ONLINE;
  if (!online || online.holders === 0) return undefined;
  return {
    holders: online.holders,
    shares: online.shares,
    percent: percent(online.shares, entitledShares, decimals),
  };
}

function meetingView(m: MeetingResults, attendance: Attendance): MeetingView {
  const entitledShares = m.classes.reduce((sum, c) => sum + c.entitledShares, 0);
  const entitledVotes = m.classes.reduce((sum, c) => sum + c.entitledShares * c.votesPerShare, 0);
  const weighted = m.classes.some((c) => c.votesPerShare !== 1);
  const attended = attendance.get(m.meetingId);
  const present = attended?.total ?? { shares: 0, votes: 0 };
  const several = byClasses(m);
  const presentation = inFieldOrder(m.presentation ?? DEFAULT_PRESENTATION);
  let abstaining = 0;
  for (const [holderId, scope] of m.requiredToAbstain)
    if (scope === 'ALL') abstaining += m.holdings.get(holderId)?.shares ?? 0;
  return {
    id: m.meetingId,
    kind: m.kind,
    title: m.title,
    heldOn: dateOf(m.heldAt ?? m.startsAt),
    shareClasses: m.classes.map((c) => c.code),
    sharesEntitledToVote: entitledShares,
    sharesRequiredToAbstain: abstaining,
    attendingShares: present.shares,
    attendingPercent: percent(present.shares, entitledShares, presentation.decimals),
    ...(weighted ? { votesEntitledToVote: entitledVotes, attendingVotes: present.votes } : {}),
    ...optional('attendingOnline', onlineView(attended, entitledShares, presentation.decimals)),
    ...(several ? { classes: classAttendance(m, attended, presentation) } : {}),
    status: m.status ?? 'DRAFT',
    presentation,
    resolutions: [...m.resolutions.values()]
      .sort((a, b) => a.number - b.number)
      .map((r) => {
        const weights = resolutionWeights(m, r, attended);
        return resolutionView(
          r,
          weighted,
          presentation,
          otherBases(
            r,
            weights?.attendingVotes ?? present.votes,
            weights?.votesEntitledToVote ?? entitledVotes,
          ),
          several ? classResults(m, r, attended, presentation) : undefined,
          weights,
          {
            validlyCast: validlyCast(r, weights?.votesEntitledToVote ?? entitledVotes, presentation),
            ...optional('requiredToAbstain', requiredAbstention(m, r, presentation)),
          },
        );
      }),
    ...(m.elections && m.elections.size > 0
      ? {
          elections: [...m.elections.values()]
            .sort((a, b) => a.number - b.number)
            .map((e) => electionView(e, present.votes)),
        }
      : {}),
  };
}

const withdrawnAtAny = (poll: PollResults, resolutionId: string, meetingIds: Iterable<string>): boolean =>
  [...meetingIds].some((id) => poll.meetings.get(id)?.resolutions.get(resolutionId)?.withdrawn === true);

export function resultsView(models: ResultsModels, meetingIds?: readonly string[]): ResultsView {
  // Meetings in the order they are held; the same order whether folded in memory or read from storage.
  const meetings = [...models.poll.meetings.values()]
    .filter((m) => !meetingIds || meetingIds.includes(m.meetingId))
    .sort(
      (a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.meetingId.localeCompare(b.meetingId),
    );
  const outcomes = [...models.outcomes.values()]
    // Natural order: r1, r2, r10 (not r1, r10, r2 as text sorts them).
    .sort((a, b) => a.resolutionId.localeCompare(b.resolutionId, 'en', { numeric: true }))
    .filter((o) => !meetingIds || [...o.byMeeting.keys()].some((id) => meetingIds.includes(id)))
    .map((o) => ({
      resolutionId: o.resolutionId,
      title: o.title,
      type: o.kind === 'ORDINARY' ? ('ordinary' as const) : ('special' as const),
      meetings: [...o.byMeeting].map(([meetingId, passed]) => ({ meetingId, passed: passed ?? null })),
      passed: o.passed ?? null,
      ...(withdrawnAtAny(models.poll, o.resolutionId, o.byMeeting.keys())
        ? { withdrawn: true as const }
        : {}),
    }));
  return { meetings: meetings.map((m) => meetingView(m, models.attendance)), outcomes };
}
