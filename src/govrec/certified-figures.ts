/**
 * What govrec publishes for a certified meeting (results, the API, the page, the announcement) is
 * checked against what was certified, read from the record itself, never from the read models: the
 * read models live in a file of their own, which anyone with file access can edit (a tally raised
 * by hand), and which a binding to the store (store-binding.ts) cannot see into.
 *
 * The certified figures are the tallies the decisions carried (ResolutionPassed / ResolutionFailed
 * at the meeting, on the streams the certification sealed). A meeting is certified if its stream
 * ends in ResultsCertified: a certified record refuses every later command, so it is its last event
 * (a few events are read, for records certified before that rule).
 */
import { EventStore } from '../application/event-store';
import { toDomainEvent } from '../application/stored-events';
import { Split } from '../domain/resolution/events';
import { MeetingView } from '../projections/results/view';

/**
 * The announcement of meetings whose figures are not those their record certified, refused:
 * `rule` CertifiedFiguresMismatch (HTTP 409). Run `govrec verify` on them.
 */
export class CertifiedFiguresMismatch extends Error {
  /** The rule, as in every refusal govrec gives. */
  readonly rule = 'CertifiedFiguresMismatch';

  constructor(
    /** The meetings whose figures differ from the certified ones. */
    readonly meetingIds: readonly string[],
  ) {
    super(`The results of ${meetingIds.join(', ')} are not those certified; run govrec verify`);
    this.name = 'CertifiedFiguresMismatch';
  }
}

/** Events read back from the end of a meeting's stream to find its certification. */
const TAIL = 16;
/** Events read at a time, back from the sealed end of a resolution's stream, to find its decision. */
const PAGE = 256;

/** Each resolution's certified votes at a meeting, by resolution id; undefined: not certified. */
export type CertifiedFigures = ReadonlyMap<string, Split>;

export async function certifiedFigures(
  store: EventStore,
  meetingId: string,
): Promise<CertifiedFigures | undefined> {
  const tail = await store.readStream(`meeting-${meetingId}`, { direction: 'backwards', maxCount: TAIL });
  const certified = tail.map(toDomainEvent).find((e) => e.type === 'ResultsCertified');
  if (certified?.type !== 'ResultsCertified') return undefined;
  const figures = new Map<string, Split>();
  for (const sealed of certified.data.seal?.streams ?? []) {
    if (!sealed.streamName.startsWith('resolution-')) continue;
    const decision = await decisionAt(store, sealed.streamName, sealed.lastRevision, meetingId);
    if (decision) figures.set(decision.resolutionId, decision.votes);
  }
  return figures;
}

async function decisionAt(
  store: EventStore,
  streamName: string,
  lastRevision: number,
  meetingId: string,
): Promise<{ resolutionId: string; votes: Split } | undefined> {
  for (let from = lastRevision; from >= 0; from -= PAGE) {
    const page = await store.readStream(streamName, {
      direction: 'backwards',
      fromRevision: from,
      maxCount: PAGE,
    });
    for (const e of page.map(toDomainEvent)) {
      if ((e.type === 'ResolutionPassed' || e.type === 'ResolutionFailed') && e.data.meetingId === meetingId)
        return { resolutionId: e.data.resolutionId, votes: e.data.tally.votes };
    }
    if (page.length < PAGE) return undefined;
  }
  return undefined;
}

/** Whether the meeting's view shows what was certified: CERTIFIED, every resolution's votes as decided. */
export function showsCertified(view: MeetingView, figures: CertifiedFigures): boolean {
  if (view.status !== 'CERTIFIED') return false;
  const shown = view.resolutions.filter((r) => !r.withdrawn);
  if (shown.length !== figures.size) return false;
  return shown.every((r) => {
    const certified = figures.get(r.resolutionId);
    return (
      certified !== undefined &&
      certified.for === r.for &&
      certified.against === r.against &&
      certified.abstain === r.abstain
    );
  });
}

/**
 * The certified figures of the meetings in a view, with what the view shows of them. Certified
 * figures are final (a certified record is closed), so they are read once; a meeting found not
 * certified is asked again only once the read models have moved on (`applied`).
 */
export class CertifiedCheck {
  private readonly certified = new Map<string, CertifiedFigures>();
  private uncertified = { applied: -1, ids: new Set<string>() };

  constructor(private readonly store: EventStore) {}

  /** The view with each meeting whose figures are not the certified ones marked MISMATCH, and their ids. */
  async check(
    meetings: readonly MeetingView[],
    applied: number,
  ): Promise<{ meetings: MeetingView[]; mismatched: string[] }> {
    if (this.uncertified.applied !== applied) this.uncertified = { applied, ids: new Set() };
    const mismatched: string[] = [];
    const marked: MeetingView[] = [];
    for (const m of meetings) {
      const figures = await this.figuresOf(m.id);
      // Shown as certified but not certified in the record is as false as the other way round.
      const matches = figures ? showsCertified(m, figures) : m.status !== 'CERTIFIED';
      if (!matches) mismatched.push(m.id);
      // Only a difference is marked: figures that match are what every output already showed.
      marked.push(matches ? m : { ...m, integrity: 'MISMATCH' });
    }
    return { meetings: marked, mismatched };
  }

  private async figuresOf(meetingId: string): Promise<CertifiedFigures | undefined> {
    const known = this.certified.get(meetingId);
    if (known || this.uncertified.ids.has(meetingId)) return known;
    const figures = await certifiedFigures(this.store, meetingId);
    if (figures) this.certified.set(meetingId, figures);
    else this.uncertified.ids.add(meetingId);
    return figures;
  }
}
