import { ElectionPool } from '../../domain/election/events';
import { Block, Inline, inline, paragraph, sentences } from './blocks';
import { Drafting, MeetingInAnnouncement } from './context';
import { majorityPhrase } from './majority';
import { ElectionResult, ElectionView } from '../results/elections';
import { grouped } from '../shared/figures';

/**
 * Elections by cumulative voting in the poll results, as PRC issuers' HKEX announcements set them
 * out: the election's own row, a row per candidate with the number of votes and their percentage of
 * the (non-cumulated) voting shares held by those attending, then who was elected, who was not and
 * why, and any seat left vacant.
 */
export function electionBlocks(m: MeetingInAnnouncement, drafting: Drafting): Block[] {
  return (m.view.elections ?? []).flatMap((e) => {
    const result = m.results.elections?.get(e.electionId);
    if (!result) return [];
    if (e.withdrawn)
      return [paragraph([`Resolution No. ${e.no} (${e.title}) was withdrawn and was not put to the vote.`])];
    return [
      {
        kind: 'cumulative' as const,
        table: {
          heading: 'ORDINARY RESOLUTION BY WAY OF CUMULATIVE VOTING',
          caption: 'NUMBER OF VOTES (% OF THE TOTAL VOTING SHARES HELD BY THE SHAREHOLDERS ATTENDING)',
          number: e.no,
          title: /cumulative/i.test(e.title) ? e.title : `${e.title} by cumulative voting`,
          rows: e.candidates.map((c) => ({
            number: c.no,
            title: `To elect ${c.name} as ${article(seatName(e.pool))} ${seatName(e.pool)}`,
            cell: `${grouped(c.votes)} (${c.pct}%)`,
          })),
        },
      },
      paragraph(outcomeSentences(e, result, m, drafting)),
    ];
  });
}

const SEAT: Readonly<Record<ElectionPool, string>> = {
  NON_INDEPENDENT_DIRECTORS: 'non-independent director',
  INDEPENDENT_DIRECTORS: 'independent non-executive director',
  SUPERVISORS: 'supervisor',
};
const seatName = (pool: ElectionPool): string => SEAT[pool];
const article = (word: string): string => (/^[aeiou]/i.test(word) ? 'an' : 'a');

/** "A", "A and B", "A, B and C". */
const names = (list: readonly string[]): string =>
  list.length <= 1 ? (list[0] ?? '') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;

function outcomeSentences(
  e: ElectionView,
  result: ElectionResult,
  m: MeetingInAnnouncement,
  drafting: Drafting,
): Inline[] {
  const seat = seatName(e.pool);
  if (e.filled === null) return [`Voting on the above resolution ${e.no} has not closed.`];
  const majority = majorityPhrase(result.rule, m.names.short, drafting);
  const by = (reason: string) => e.candidates.filter((c) => c.notElected === reason).map((c) => c.name);
  const elected = e.candidates.filter((c) => c.elected).map((c) => c.name);
  const below = by('BELOW_MAJORITY');
  const tied = by('TIED_FOR_LAST_SEAT');
  const unseated = by('NO_SEAT_LEFT');
  const one = (list: readonly string[]) => list.length === 1;
  return sentences(
    elected.length === 0
      ? []
      : one(elected)
        ? inline`${elected[0]} received ${majority}, and was elected as ${article(seat)} ${seat} of the Company by cumulative voting.`
        : inline`Each of ${names(elected)} received ${majority}, and was elected as ${article(seat)} ${seat} of the Company by cumulative voting.`,
    below.length === 0
      ? []
      : inline`${names(below)} ${one(below) ? 'was' : 'were'} not elected, not having received ${majority}.`,
    tied.length === 0
      ? []
      : [
          `${names(tied)} received the same number of votes for ${e.shortfall === 1 ? 'the last seat' : 'the last seats'}; ${tied.length === 2 ? 'neither of them was' : 'none of them was'} elected.`,
        ],
    unseated.length === 0
      ? []
      : [
          `${names(unseated)} ${one(unseated) ? 'was' : 'were'} not elected, being ranked below the seats to be filled.`,
        ],
    e.shortfall
      ? [
          `Accordingly, ${e.shortfall === 1 ? 'one seat' : `${grouped(e.shortfall)} seats`} of ${seat} ${e.shortfall === 1 ? 'remains' : 'remain'} vacant.`,
        ]
      : [],
  );
}
