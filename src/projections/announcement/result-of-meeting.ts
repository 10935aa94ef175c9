import { Announcement, Block, heading, inline, paragraph, PollTable } from './blocks';
import { MeetingInAnnouncement } from './context';
import { Labels, longDate, numbersPhrase } from './names';
import { printedLabel } from '../../domain/rules/presentation';
import { grouped } from '../shared/figures';
import { ResolutionView } from '../results/view';

/**
 * The UK "Result of AGM" announcement (a regulatory information service release, and the website
 * statement CA 2006 s.341(1A) requires of a traded company): for each resolution the votes FOR and
 * AGAINST with their percentages of the votes cast, the votes validly cast, the proportion of the
 * issued share capital they represent, and the votes withheld, which are no votes in law. One
 * meeting to a release; the figures come from the results view as the meeting's presentation prints
 * them (decimals, date style).
 */
export function resultOfMeeting(meeting: MeetingInAnnouncement): Announcement {
  const { facts, view } = meeting;
  const name = MEETING_NAMES[facts.kind];
  const heldOn = longDate(facts.startsAt, view.presentation.dateStyle);
  return {
    blocks: [
      paragraph([{ strong: facts.company.name }]),
      heading(1, [`Result of ${name}`]),
      paragraph(
        inline`The Company announces the result of the poll taken at its ${name} held on ${heldOn}: ${outcomeWords(view.resolutions, meeting.labels)}. The result of the poll is set out below.`,
      ),
      { kind: 'table', table: resultTable(view.resolutions) },
      ...notes(view.sharesEntitledToVote, view.votesEntitledToVote),
    ],
  };
}

const MEETING_NAMES: Readonly<Record<MeetingInAnnouncement['facts']['kind'], string>> = {
  AGM: 'Annual General Meeting',
  EGM: 'General Meeting',
  SGM: 'Special General Meeting',
  CLASS: 'Class Meeting',
};

/** "all resolutions were passed", "resolutions No. 1 to 3 were passed and resolution No. 4 was not". */
function outcomeWords(resolutions: readonly ResolutionView[], labels: Labels): string {
  const decided = resolutions.filter((r) => r.passed !== null);
  const failed = decided.filter((r) => r.passed === false).map((r) => r.no);
  const passed = decided.filter((r) => r.passed === true).map((r) => r.no);
  if (decided.length === 0) return 'no resolution has been decided';
  if (failed.length === 0)
    return passed.length === 1 ? 'the resolution was passed' : 'all resolutions were passed';
  if (passed.length === 0)
    return failed.length === 1 ? 'the resolution was not passed' : 'no resolution was passed';
  const many = (n: readonly number[]) =>
    n.length > 1
      ? `resolutions ${numbersPhrase(n, labels)} were`
      : `resolution ${numbersPhrase(n, labels)} was`;
  return `${many(passed)} passed and ${many(failed)} not passed`;
}

const RESULT_COLUMNS = [
  'For',
  '%*',
  'Against',
  '%*',
  'Votes Total',
  '% of Issued Share Capital',
  'Votes Withheld**',
];

function resultTable(resolutions: readonly ResolutionView[]): PollTable {
  return {
    heading: 'Resolution',
    caption: '',
    columns: RESULT_COLUMNS,
    rows: resolutions.map((r) => ({
      number: r.no,
      label: printedLabel(r.label, 'NUMBERED'),
      title: r.title,
      cells: [
        grouped(r.for),
        r.forPct,
        grouped(r.against),
        r.againstPct,
        grouped(r.validlyCast.votes),
        `${r.validlyCast.percentOfIssued}%`,
        grouped(r.abstain),
      ],
    })),
  };
}

function notes(shares: number, votes: number | undefined): Block[] {
  return [
    paragraph([
      '* Percentages are of the votes validly cast, for and against. A vote withheld is not a vote in law and is counted in neither figure.',
    ]),
    paragraph([
      `** Votes withheld are shown as a count. The issued share capital carrying the right to vote at the record time was ${grouped(shares)} shares${votes === undefined ? '' : ` carrying ${grouped(votes)} votes`}.`,
    ]),
  ];
}
