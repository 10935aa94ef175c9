import { DomainEvent } from '../../domain/events';
import { MajorityRule } from '../../domain/rules/majority-rule';
import { Presentation } from '../../domain/rules/presentation';
import { Split } from '../../domain/resolution/events';
import { applyToElections, ElectionResult } from './elections';

/**
 * Poll results per meeting and resolution, folded from events alone: the register's totals and each resolution's votes, recomputed vote by vote (not copied from the decision),
 * so that a scrutineer can compare the count with what was declared.
 */
export interface ResolutionResult {
  readonly resolutionId: string;
  /** Its place in the notice's order. */
  readonly number: number;
  /** As the notice prints it ("2(a)"); absent in documents stored before labels were kept (its number). */
  readonly label?: string;
  readonly title: string;
  readonly kind: 'ORDINARY' | 'SPECIAL';
  majorityRule?: MajorityRule;
  votes: Split;
  shares: Split;
  voters: number;
  /** Set when voting closed at this meeting. */
  passed?: boolean;
  /** The tally the decision event carried, to check against the recount. */
  declared?: Split;
  /** The figure, in votes, the decision measured FOR against (its majority rule's base). */
  declaredBase?: number;
  /** Broker non-votes reported, once there are any: in no FOR, AGAINST or ABSTAIN figure. */
  brokerNonVotes?: { shares: number; votes: number };
  /** Set when the resolution was withdrawn from this meeting's agenda: it is neither passed nor failed. */
  withdrawn?: boolean;
  /** Set when the resolution puts a holders' provisional proposal to the meeting. */
  proposedByHolders?: boolean;
  /**
   * The votes and shares of each class, by class code (absent in documents stored before it was kept;
   * folded again, they have it): a meeting of several classes publishes a row per class.
   */
  byClass?: Record<string, ClassSplit>;
  /** Class code → votes a share carries on this resolution, where not the meeting's (HKEX LR 8A.24). */
  votesPerShare?: Record<string, number>;
  /** Holders required to abstain from voting at all on this resolution (HK Listing Rules, 14A). */
  requiredToAbstain?: string[];
}

/** One class's FOR, AGAINST and ABSTAIN on a resolution, in votes and in shares. */
export interface ClassSplit {
  votes: Split;
  shares: Split;
}

export interface ClassFigures {
  readonly code: string;
  readonly issuedShares: number;
  readonly votesPerShare: number;
  entitledShares: number;
  entitledHolders: number;
}

export interface MeetingResults {
  readonly meetingId: string;
  readonly companyName: string;
  readonly kind: 'AGM' | 'EGM' | 'SGM' | 'CLASS';
  readonly title: string;
  readonly startsAt: string;
  readonly place: string;
  readonly classes: ClassFigures[];
  /** holderId → register holding, for figures about particular holders (required abstentions). */
  readonly holdings: Map<string, { shareClass: string; shares: number; votes: number }>;
  /** Holders required to abstain on some resolution at this meeting, by scope. */
  readonly requiredToAbstain: Map<string, 'ALL' | 'IN_FAVOUR'>;
  readonly resolutions: Map<string, ResolutionResult>;
  /** How the results are published; absent in documents stored before it was recorded (the default). */
  presentation?: Presentation;
  /**
   * When the meeting was held, where that is not `startsAt`: the time it was postponed to, or the
   * time it last resumed after an adjournment (its poll was completed then). Absent in documents
   * stored before meetings could be postponed.
   */
  heldAt?: string;
  /** Elections by cumulative voting at this meeting, once there is one (documents stored before have none). */
  elections?: Map<string, ElectionResult>;
  /**
   * How far the poll has gone, so that no output passes draft figures off as results: absent
   * before the poll opens (a draft), and in documents stored before it was kept (folded again, they have it).
   */
  status?: 'POLL_OPEN' | 'CLOSED' | 'CERTIFIED';
}

export interface PollResults {
  /** In the order the meetings were scheduled. */
  readonly meetings: Map<string, MeetingResults>;
}

export const initialPollResults = (): PollResults => ({ meetings: new Map() });

const ZERO: Split = { for: 0, against: 0, abstain: 0 };
const plus = (a: Split, b: Split, sign = 1): Split => ({
  for: a.for + sign * b.for,
  against: a.against + sign * b.against,
  abstain: a.abstain + sign * b.abstain,
});

function addNonVotes(
  r: ResolutionResult,
  nonVotes: { shares: number; votes: number } | undefined,
  sign: 1 | -1,
): void {
  if (!nonVotes) return;
  const before = r.brokerNonVotes ?? { shares: 0, votes: 0 };
  r.brokerNonVotes = {
    shares: before.shares + sign * nonVotes.shares,
    votes: before.votes + sign * nonVotes.votes,
  };
}

/** A vote's figures into (or, rejected, out of) its class's row. */
function addToClass(r: ResolutionResult, shareClass: string, figures: ClassSplit, sign: 1 | -1): void {
  const byClass = (r.byClass ??= {});
  const before = byClass[shareClass] ?? { votes: ZERO, shares: ZERO };
  byClass[shareClass] = {
    votes: plus(before.votes, figures.votes, sign),
    shares: plus(before.shares, figures.shares, sign),
  };
}

const STATUS_AFTER = {
  PollOpened: 'POLL_OPEN',
  PollClosed: 'CLOSED',
  MeetingClosed: 'CLOSED',
  ResultsCertified: 'CERTIFIED',
} as const;

function countVote(
  model: PollResults,
  vote: Extract<DomainEvent, { type: 'VoteCast' }>['data'],
): PollResults {
  const r = model.meetings.get(vote.meetingId)?.resolutions.get(vote.resolutionId);
  if (r) {
    r.votes = plus(r.votes, vote.votes);
    r.shares = plus(r.shares, vote.shares);
    r.voters += 1;
    addNonVotes(r, vote.brokerNonVotes, 1);
    addToClass(r, vote.shareClass, vote, 1);
  }
  return model;
}

/** Applies one event; the model is updated in place (it belongs to the projection that folds it). */
export function applyToPollResults(model: PollResults, event: DomainEvent): PollResults {
  // A vote, a million times in a rebuild: counted before the switch and the closure it uses.
  if (event.type === 'VoteCast') return countVote(model, event.data);
  const meetingOf = (id: string) => model.meetings.get(id);
  switch (event.type) {
    case 'MeetingScheduled': {
      const d = event.data;
      model.meetings.set(d.meetingId, {
        meetingId: d.meetingId,
        companyName: d.company.name,
        kind: d.kind,
        title: d.title,
        startsAt: d.startsAt,
        place: d.place,
        classes: d.shareClasses.map((c) => ({ ...c, entitledShares: 0, entitledHolders: 0 })),
        holdings: new Map(),
        requiredToAbstain: new Map(),
        resolutions: new Map(),
        presentation: d.presentation,
      });
      return model;
    }
    case 'EntitlementsRecorded': {
      const m = meetingOf(event.data.meetingId);
      if (!m) return model;
      for (const h of event.data.holders) {
        const cls = m.classes.find((c) => c.code === h.shareClass);
        if (!cls) continue;
        cls.entitledShares += h.shares;
        cls.entitledHolders += 1;
        m.holdings.set(h.holderId, {
          shareClass: h.shareClass,
          shares: h.shares,
          votes: h.shares * cls.votesPerShare,
        });
      }
      return model;
    }
    case 'ResolutionTabled': {
      const { meetingId, resolutionId, number, label, title, kind, proposalId } = event.data;
      meetingOf(meetingId)?.resolutions.set(resolutionId, {
        resolutionId,
        number,
        label,
        title,
        kind,
        votes: ZERO,
        shares: ZERO,
        voters: 0,
        ...(proposalId ? { proposedByHolders: true } : {}),
      });
      return model;
    }
    case 'MeetingPostponed': {
      const m = meetingOf(event.data.meetingId);
      if (m) m.heldAt = event.data.startsAt;
      return model;
    }
    case 'MeetingResumed': {
      const m = meetingOf(event.data.meetingId);
      if (m) m.heldAt = event.data.resumedAt;
      return model;
    }
    case 'ResolutionProposed':
      for (const at of event.data.meetings) {
        const m = meetingOf(at.meetingId);
        const r = m?.resolutions.get(event.data.resolutionId);
        if (!m || !r) continue;
        r.majorityRule = at.majorityRule;
        // Absent in version 1 events read without the upcaster (stored read-model documents).
        const weights = event.data.votesPerShare ?? [];
        if (weights.length > 0)
          r.votesPerShare = Object.fromEntries(weights.map((w) => [w.shareClass, w.votesPerShare]));
        const barred = event.data.requiredToAbstain.filter((a) => a.scope === 'ALL').map((a) => a.holderId);
        if (barred.length > 0) r.requiredToAbstain = barred;
        for (const a of event.data.requiredToAbstain) {
          if (m.requiredToAbstain.get(a.holderId) !== 'ALL') m.requiredToAbstain.set(a.holderId, a.scope);
        }
      }
      return model;
    case 'VoteRejected': {
      const m = meetingOf(event.data.meetingId);
      const r = m?.resolutions.get(event.data.resolutionId);
      if (r) {
        const shareClass = m?.holdings.get(event.data.holderId)?.shareClass;
        if (shareClass !== undefined) addToClass(r, shareClass, event.data, -1);
        r.votes = plus(r.votes, event.data.votes, -1);
        r.shares = plus(r.shares, event.data.shares, -1);
        r.voters -= 1;
        addNonVotes(r, event.data.brokerNonVotes, -1);
      }
      return model;
    }
    case 'ResolutionWithdrawn': {
      const r = meetingOf(event.data.meetingId)?.resolutions.get(event.data.resolutionId);
      if (r) r.withdrawn = true;
      return model;
    }
    case 'ResolutionPassed':
    case 'ResolutionFailed': {
      const r = meetingOf(event.data.meetingId)?.resolutions.get(event.data.resolutionId);
      if (r) {
        r.passed = event.type === 'ResolutionPassed';
        r.declared = event.data.tally.votes;
        r.declaredBase = event.data.base.votes;
      }
      return model;
    }
    case 'PollOpened':
    case 'PollClosed':
    case 'MeetingClosed':
    case 'ResultsCertified': {
      const m = meetingOf(event.data.meetingId);
      if (m) m.status = STATUS_AFTER[event.type];
      return model;
    }
    default: {
      const meetingId = (event.data as { meetingId?: string }).meetingId;
      const m = meetingId === undefined ? undefined : meetingOf(meetingId);
      if (m) applyToElections((create) => (create ? (m.elections ??= new Map()) : m.elections), event);
      return model;
    }
  }
}
