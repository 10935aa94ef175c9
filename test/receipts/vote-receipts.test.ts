import { readFileSync } from 'node:fs';
import { Govrec, openGovrec, ReceiptVerdict, verifyReceipt, VoteReceipt } from '../../src/index';
import { MEETING_IDS, SCENARIO_PATH } from '../golden/reference-scenario';

interface ScenarioCommand {
  type: string;
  issuedAt: string;
  payload: Record<string, unknown>;
  actor?: string;
}
const scenario = () =>
  JSON.parse(readFileSync(SCENARIO_PATH, 'utf8')) as { commands: ScenarioCommand[]; actor: string };

let govrec: Govrec;
beforeEach(async () => {
  govrec = await openGovrec({ store: 'memory' });
});
afterEach(() => govrec.close());

async function rootOf(meetingId: string): Promise<string> {
  const [verdict] = await govrec.verify([meetingId]);
  expect(verdict.clean).toBe(true);
  return verdict.root!;
}

async function receipt(meetingId: string, holderId: string): Promise<VoteReceipt> {
  const made = await govrec.receipt(meetingId, holderId);
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
}

const verdictOf = (file: unknown, root: string): ReceiptVerdict => {
  const checked = verifyReceipt(JSON.parse(JSON.stringify(file)), root);
  if (!checked.ok) throw new Error(checked.error.message);
  return checked.value;
};

/** The holders who voted at each meeting, from the scenario's CastVote commands. */
const votersByMeeting = (): Map<string, Set<string>> => {
  const voters = new Map<string, Set<string>>();
  for (const c of scenario().commands.filter((c) => c.type === 'CastVote')) {
    const { meetingId, holderId } = c.payload as { meetingId: string; holderId: string };
    voters.set(meetingId, (voters.get(meetingId) ?? new Set()).add(holderId));
  }
  return voters;
};

describe('Vote receipts of the reference case', () => {
  it('cover every counted vote, and each verifies offline against the published root', async () => {
    expect((await govrec.recordScenario(scenario())).ok).toBe(true);
    let votes = 0;
    for (const [meetingId, holders] of votersByMeeting()) {
      const root = await rootOf(meetingId);
      for (const holderId of holders) {
        const file = await receipt(meetingId, holderId);
        const verdict = verdictOf(file, root);
        expect(verdict).toMatchObject({ valid: true, failures: [] });
        expect(verdict.verified).toHaveLength(file.votes.length);
        votes += file.votes.length;
      }
    }
    expect(votes).toBe(scenario().commands.filter((c) => c.type === 'CastVote').length);
  });

  it('reveal nothing of other holders: only the holder named and hashes', async () => {
    expect((await govrec.recordScenario(scenario())).ok).toBe(true);
    const holders = [...votersByMeeting().get(MEETING_IDS.EGM)!];
    const text = JSON.stringify(await receipt(MEETING_IDS.EGM, holders[0]));
    for (const other of holders.slice(1)) expect(text).not.toContain(`"${other}"`);
  });

  describe('fail, naming which, when', () => {
    let file: VoteReceipt;
    let root: string;
    beforeEach(async () => {
      expect((await govrec.recordScenario(scenario())).ok).toBe(true);
      const holderId = [...votersByMeeting().get(MEETING_IDS.EGM)!][0];
      file = await receipt(MEETING_IDS.EGM, holderId);
      root = await rootOf(MEETING_IDS.EGM);
    });
    const edited = (edit: (receipt: VoteReceipt & Record<string, unknown>) => void): unknown => {
      const copy = JSON.parse(JSON.stringify(file));
      edit(copy);
      return copy;
    };

    it('a vote is changed: in its event, in the figures counted, or in its fingerprint', () => {
      const changes = [
        edited((r) => (r.votes[0].event.data.shares as { for: number }).for++),
        edited((r) => (r.votes[0].counted.shares as { against: number }).against++),
        edited((r) => ((r.votes[0] as { fingerprint: string }).fingerprint = 'a'.repeat(64))),
        edited((r) => ((r.votes[0].event as { revision: number }).revision += 1)),
      ];
      for (const changed of changes)
        expect(verdictOf(changed, root)).toMatchObject({
          valid: false,
          failures: [{ kind: 'vote-changed', resolutionId: file.votes[0].resolutionId }],
        });
    });

    it('a vote is missing from the tally certified', () => {
      const missing = edited((r) => ((r.votes[0] as { countedProof: unknown }).countedProof = null));
      const elsewhere = edited((r) => {
        const proof = r.votes[0].countedProof as unknown as { hash: string }[];
        proof[0] = { ...proof[0], hash: 'b'.repeat(64) };
      });
      for (const tampered of [missing, elsewhere])
        expect(verdictOf(tampered, root).failures).toEqual([
          expect.objectContaining({ kind: 'not-counted', resolutionId: file.votes[0].resolutionId }),
        ]);
    });

    it('the root is another', async () => {
      const other = await rootOf(MEETING_IDS['H-CLASS']);
      expect(verdictOf(file, other)).toMatchObject({ valid: false, failures: [{ kind: 'another-root' }] });
      // A receipt edited to claim the other root still fails: its proofs lead to its own.
      const claimed = verdictOf({ ...file, root: other }, other);
      expect(claimed.valid).toBe(false);
      expect(claimed.failures[0].kind).toBe('vote-changed');
    });

    it('the input is no receipt or no root: a typed error naming the field', () => {
      expect(verifyReceipt({ ...file, votes: 'none' }, root)).toMatchObject({
        ok: false,
        error: { kind: 'invalid', field: 'votes' },
      });
      expect(verifyReceipt(file, 'abc')).toMatchObject({ ok: false, error: { field: 'root' } });
    });
  });

  it('a vote rejected before certification is recorded but not counted, and its receipt says so', async () => {
    const { commands } = scenario();
    const closing = commands.findIndex((c) => c.type === 'CloseVoting');
    const vote = commands.find((c) => c.type === 'CastVote')!.payload as Record<string, string>;
    const reject: ScenarioCommand = {
      type: 'RejectVote',
      actor: 'Computershare Hong Kong Investor Services Limited',
      issuedAt: '2023-11-23T14:30:00+08:00',
      payload: { ...pick(vote), reason: 'Signature not verified' },
    };
    const withRejection = [...commands.slice(0, closing), reject, ...commands.slice(closing)];
    const recorded = await govrec.recordScenario({ ...scenario(), commands: withRejection });
    expect(recorded.ok ? 'recorded' : recorded.error).toBe('recorded');
    const file = await receipt(vote.meetingId, vote.holderId);
    const verdict = verdictOf(file, await rootOf(vote.meetingId));
    expect(verdict.failures).toContainEqual(
      expect.objectContaining({ kind: 'not-counted', resolutionId: vote.resolutionId }),
    );
  });

  it('are refused, with the rule named, for a holder who did not vote or a meeting not certified', async () => {
    const { commands } = scenario();
    const certify = commands.findIndex((c) => c.type === 'CertifyResults');
    expect((await govrec.recordScenario({ ...scenario(), commands: commands.slice(0, certify) })).ok).toBe(
      true,
    );
    expect(await govrec.receipt(MEETING_IDS.EGM, 'A-0001')).toMatchObject({
      ok: false,
      error: { rule: 'ResultsNotCertified' },
    });
    expect((await govrec.recordScenario(scenario())).ok).toBe(true);
    expect(await govrec.receipt(MEETING_IDS.EGM, 'nobody')).toMatchObject({
      ok: false,
      error: { rule: 'NoVoteRecorded', field: 'holderId' },
    });
  });
});

const pick = (v: Record<string, string>) => ({
  resolutionId: v.resolutionId,
  meetingId: v.meetingId,
  holderId: v.holderId,
});
