import { ResolutionKind } from '../../domain/meeting/events';
import { MajorityRule } from '../../domain/rules/majority-rule';
import { Presentation, printedLabel } from '../../domain/rules/presentation';
import { Block, heading, Inline, inline, paragraph, PollRow, PollTable } from './blocks';
import { Split } from '../../domain/resolution/events';
import { Drafting, MeetingInAnnouncement } from './context';
import { oneItem } from './counting';
import { electionBlocks } from './elections';
import { majorityPhrase } from './majority';
import { resolutionsPhrase } from './names';
import { grouped } from '../shared/figures';
import { ResolutionView } from '../results/view';

/**
 * Section 2, "Poll Results of the Meetings": for each meeting a table per kind of resolution (FOR,
 * AGAINST, ABSTAIN with their percentages) and sentences saying which resolutions passed, by what
 * majority, measured on what, in the words of the rule recorded with the resolution (majority.ts).
 */
export function pollSection(meetings: readonly MeetingInAnnouncement[], drafting: Drafting): Block[] {
  const title = drafting.several ? 'the Meetings' : `the ${meetings[0].names.short}`;
  return [
    heading(2, [`2. Poll Results of ${title}`]),
    ...meetings.flatMap((m) => meetingResults(m, drafting)),
  ];
}

function meetingResults(m: MeetingInAnnouncement, drafting: Drafting): Block[] {
  const { short, general } = m.names;
  const resolutions = m.view.resolutions;
  if (resolutions.length === 0 && !m.view.elections) return [];
  return [
    // The reference heads a general meeting "The EGM" and a class meeting without an article.
    ...(drafting.several ? [heading(3, [`Poll Results of ${general ? 'The ' : ''}${short}`])] : []),
    paragraph([
      `The poll results in respect of the ${oneItem([m]) ? 'resolution' : `${general ? 'respective ' : ''}resolutions`} at the ${short} were as follows:`,
    ]),
    ...runsOfKind(resolutions).map((group): Block => ({
      kind: 'table',
      table: pollTable(group, m.view.presentation),
    })),
    ...decisions(m).map((group) => paragraph(decisionSentence(group, m, drafting))),
    ...electionBlocks(m, drafting),
  ];
}

export const kindOf = (r: ResolutionView): ResolutionKind => (r.type === 'ordinary' ? 'ORDINARY' : 'SPECIAL');

/**
 * The meeting's resolutions in the notice's order, a table for each run of one kind: ordinary 1,
 * special 2 to 4 and ordinary 5 make three tables, so that no resolution is read out of its place.
 */
export function runsOfKind(resolutions: readonly ResolutionView[]): ResolutionView[][] {
  const runs: ResolutionView[][] = [];
  for (const r of [...resolutions].sort((a, b) => a.no - b.no)) {
    const last = runs[runs.length - 1];
    if (last && kindOf(last[0]) === kindOf(r)) last.push(r);
    else runs.push([r]);
  }
  return runs;
}

/** "659,910,462 (99.9825%)"; a count alone where the base shown gives it no percentage (withheld). */
const cell = (votes: number, pct: string | undefined): string =>
  pct === undefined ? grouped(votes) : `${grouped(votes)} (${pct}%)`;

/** The abstentions column as the issuer heads it, or none where it prints only FOR and AGAINST. */
const ABSTENTIONS_COLUMN: Readonly<Record<Presentation['abstentions'], string | undefined>> = {
  ABSTAIN: 'ABSTAIN',
  WITHHELD: 'VOTES WITHHELD',
  NOT_SHOWN: undefined,
};

/** A resolution's label as the table prints it: "1.", "2(a)", or nothing where the issuer numbers none. */
export const rowLabel = (r: ResolutionView, presentation: Presentation): string =>
  printedLabel(r.label, presentation.numbering);

function pollTable(group: readonly ResolutionView[], presentation: Presentation): PollTable {
  const abstentions = ABSTENTIONS_COLUMN[presentation.abstentions];
  return {
    heading: `${kindOf(group[0])} RESOLUTION${group.length > 1 ? 'S' : ''}`,
    caption: 'NUMBER OF VOTES (%)',
    columns: ['FOR', 'AGAINST', ...(abstentions ? [abstentions] : [])],
    rows: group.flatMap((r) => [
      {
        number: r.no,
        label: rowLabel(r, presentation),
        // A provisional resolution put by holders is announced as theirs, as its supplementary notice was.
        title: r.proposedByHolders ? `${r.title} (proposed by Shareholders)` : r.title,
        // The total in votes; the shares behind them are in the rows of the weighted classes.
        cells: cells({ ...r, shares: undefined }, abstentions),
      },
      ...(presentation.classRows ? classRows(r, abstentions) : []),
    ]),
  };
}

type Figures = Pick<ResolutionView, 'for' | 'against' | 'abstain' | 'forPct' | 'againstPct' | 'abstainPct'>;

const cells = (r: Figures & { shares?: Split }, abstentions: string | undefined): string[] => {
  // A weighted class's row gives the shares behind its votes.
  const of = (votes: number, pct: string | undefined, shares: number | undefined) =>
    `${cell(votes, pct)}${shares === undefined ? '' : ` [${grouped(shares)} shares]`}`;
  return [
    of(r.for, r.forPct, r.shares?.for),
    of(r.against, r.againstPct, r.shares?.against),
    ...(abstentions ? [of(r.abstain, r.abstainPct, r.shares?.abstain)] : []),
  ];
};

/** A row per class under a resolution's total: "A Shares", "B Shares", each of its class's own base. */
const classRows = (r: ResolutionView, abstentions: string | undefined): PollRow[] =>
  (r.classes ?? []).map((c) => ({
    number: r.no,
    label: '',
    title: `${c.shareClass} Shares`,
    cells: cells(c, abstentions),
  }));

/** Resolutions one sentence can speak of together: same kind, same rule, same outcome. */
/** Resolutions decided alike (of one kind, under one majority, with one outcome), by number. */
export interface Decision {
  readonly kind: ResolutionKind;
  readonly rule?: MajorityRule;
  readonly passed: boolean | null;
  readonly numbers: number[];
}

/** A meeting's resolutions grouped into the decisions its sentences state, in number order. */
export function decisions(m: MeetingInAnnouncement): Decision[] {
  const groups = new Map<string, Decision>();
  for (const r of [...m.view.resolutions].sort((a, b) => a.no - b.no)) {
    const rule = m.results.resolutions.get(r.resolutionId)?.majorityRule;
    const key = JSON.stringify([kindOf(r), rule ?? null, r.passed]);
    const group = groups.get(key) ?? {
      kind: kindOf(r),
      ...(rule ? { rule } : {}),
      passed: r.passed,
      numbers: [],
    };
    group.numbers.push(r.no);
    groups.set(key, group);
  }
  return [...groups.values()];
}

function decisionSentence(d: Decision, m: MeetingInAnnouncement, drafting: Drafting): Inline[] {
  const many = d.numbers.length > 1;
  if (d.passed === null || !d.rule)
    return [`Voting on the above ${resolutionsPhrase(d.numbers, m.labels)} has not closed.`];
  // When one sentence covers every resolution of the meeting, it need not number them.
  const all = d.numbers.length === m.view.resolutions.length;
  const subject = all
    ? `The above ${many ? 'resolutions are' : 'resolution is'}`
    : `The above ${resolutionsPhrase(d.numbers, m.labels)} ${many ? 'are' : 'is'}`;
  const kind = d.kind.toLowerCase();
  const what = many ? `${kind} resolutions` : `${kind === 'ordinary' ? 'an' : 'a'} ${kind} resolution`;
  const method = drafting.options.nonCumulativeStatedFor?.includes(d.kind)
    ? ' to be voted on by the non-cumulative voting system'
    : '';
  const majority = majorityPhrase(d.rule, m.names.short, drafting);
  if (d.passed)
    return many
      ? inline`${subject} ${what}${method}, each of which has been passed by ${majority}, respectively.`
      : inline`${subject} ${what}${method}, which has been passed by ${majority}.`;
  return many
    ? inline`${subject} ${what}${method}, none of which has been passed, as none received ${majority}.`
    : inline`${subject} ${what}${method}, which has not been passed, as it did not receive ${majority}.`;
}
