import { readFileSync } from 'node:fs';
import { isLeft } from 'fp-ts/Either';
import { scenarioCommands } from '../../../src/application/scenario';
import { GovrecCommand } from '../../../src/domain/commands';
import { announcementFromEvents } from '../../../src/projections/announcement';
import { announcementText } from '../../../src/projections/announcement/text';
import { foldResults, resultsView, ResultsView } from '../../../src/projections/results/view';
import { CUMULATIVE_EXAMPLE_PATH } from '../../golden/example-scenarios';
import { MEETING_IDS, referenceCommands } from '../../golden/reference-scenario';
import { recordedEvents } from '../recorded';
import { RecordedDomainEvent } from '../../../src/projections/shared/recorded-event';

/**
 * The per-class breakdown beside the totals: each class's attendance and its FOR, AGAINST and
 * ABSTAIN on each resolution, each of its own base; shares beside votes where a class is weighted.
 */
let reference: RecordedDomainEvent[];
let view: ResultsView;

beforeAll(async () => {
  reference = await recordedEvents(referenceCommands());
  view = resultsView(foldResults(reference));
});

const egm = () => view.meetings.find((m) => m.id === MEETING_IDS.EGM)!;

describe('the reference EGM (A and H shares)', () => {
  it('gives each class its register and attendance, which add up to the totals', () => {
    const classes = egm().classes!;
    expect(classes.map((c) => c.shareClass)).toEqual(['A', 'H']);
    expect(classes.map((c) => c.sharesEntitledToVote)).toEqual([1_141_794_851, 200_745_600]);
    expect(classes.reduce((s, c) => s + c.attendingShares, 0)).toBe(egm().attendingShares);
    for (const c of classes) expect(c.votesEntitledToVote).toBeUndefined();
  });

  it("gives each resolution a row per class that adds up to the total, each percentage of its class's own base", () => {
    for (const r of egm().resolutions) {
      const rows = r.classes!;
      expect(rows.reduce((s, c) => s + c.for, 0)).toBe(r.for);
      expect(rows.reduce((s, c) => s + c.against, 0)).toBe(r.against);
      expect(rows.reduce((s, c) => s + c.abstain, 0)).toBe(r.abstain);
      for (const c of rows) {
        const base = BigInt(c.for + c.against + c.abstain);
        // forPct·base ≈ for·100 to within half a unit of the fourth decimal.
        const printed = BigInt(c.forPct.replace('.', '')) * base;
        const exact = BigInt(c.for) * 1_000_000n;
        expect(2n * (printed > exact ? printed - exact : exact - printed) <= base).toBe(true);
      }
    }
  });

  it('leaves a one-class meeting without a breakdown (its total is its class)', () => {
    const a = view.meetings.find((m) => m.id === MEETING_IDS['A-CLASS'])!;
    expect(a.classes).toBeUndefined();
    expect(a.resolutions[0].classes).toBeUndefined();
  });

  it('keeps the reference announcement to totals, and prints class rows where the presentation asks', async () => {
    expect(announcementText(announcementFromEvents(reference))).not.toContain('A Shares\t');
    const withRows = referenceCommands().map((c) =>
      c.type === 'ScheduleMeeting' && c.payload.meetingId === MEETING_IDS.EGM
        ? ({ ...c, payload: { ...c.payload, presentation: { classRows: true } } } as GovrecCommand)
        : c,
    );
    const text = announcementText(announcementFromEvents(await recordedEvents(withRows)));
    const rows = resultsView(foldResults(await recordedEvents(withRows))).meetings[0].resolutions[0].classes!;
    const [a, h] = rows;
    expect(text).toContain(
      `\tA Shares\t${a.for.toLocaleString('en-US')} (${a.forPct}%)\t${a.against.toLocaleString('en-US')} (${a.againstPct}%)\t${a.abstain.toLocaleString('en-US')} (${a.abstainPct}%)`,
    );
    expect(text).toContain(`\tH Shares\t${h.for.toLocaleString('en-US')} (${h.forPct}%)`);
  });
});

describe('a meeting with a weighted class', () => {
  it('gives the weighted class its votes and the shares behind them', async () => {
    const commands = scenarioCommands(JSON.parse(readFileSync(CUMULATIVE_EXAMPLE_PATH, 'utf8')));
    if (isLeft(commands)) throw new Error(JSON.stringify(commands.left));
    const m = resultsView(foldResults(await recordedEvents(commands.right))).meetings[0];
    const weighted = m.classes!.find((c) => c.votesPerShare > 1)!;
    expect(weighted.attendingVotes).toBe(weighted.attendingShares * weighted.votesPerShare);
    for (const r of m.resolutions) {
      const row = r.classes!.find((c) => c.shareClass === weighted.shareClass)!;
      expect(row.for).toBe(row.shares!.for * weighted.votesPerShare);
      expect(r.classes!.reduce((s, c) => s + c.for, 0)).toBe(r.for);
    }
  });
});
