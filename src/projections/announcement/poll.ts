import { ResolutionKind } from '../../domain/meeting/events';
import { MajorityRule } from '../../domain/rules/majority-rule';
import { Block, heading, Inline, inline, paragraph, PollTable } from './blocks';
import { Drafting, MeetingInAnnouncement } from './context';
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
      `The poll results in respect of the ${general ? 'respective ' : ''}resolutions at the ${short} were as follows:`,
    ]),
    ...runsOfKind(resolutions).map((group): Block => ({ kind: 'table', table: pollTable(group) })),
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

const cell = (votes: number, pct: string): string => `${grouped(votes)} (${pct}%)`;

function pollTable(group: readonly ResolutionView[]): PollTable {
  return {
    heading: `${kindOf(group[0])} RESOLUTION${group.length > 1 ? 'S' : ''}`,
    caption: 'NUMBER OF VOTES (%)',
    columns: ['FOR', 'AGAINST', 'ABSTAIN'],
    rows: group.map((r) => ({
      number: r.no,
      // A provisional resolution put by holders is announced as theirs, as its supplementary notice was.
      title: r.proposedByHolders ? `${r.title} (proposed by Shareholders)` : r.title,
      cells: [cell(r.for, r.forPct), cell(r.against, r.againstPct), cell(r.abstain, r.abstainPct)],
    })),
  };
}

/** Resolutions one sentence can speak of together: same kind, same rule, same outcome. */
interface Decision {
  readonly kind: ResolutionKind;
  readonly rule?: MajorityRule;
  readonly passed: boolean | null;
  readonly numbers: number[];
}

function decisions(m: MeetingInAnnouncement): Decision[] {
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
    return [`Voting on the above ${resolutionsPhrase(d.numbers)} has not closed.`];
  // When one sentence covers every resolution of the meeting, it need not number them.
  const all = d.numbers.length === m.view.resolutions.length;
  const subject = all
    ? `The above ${many ? 'resolutions are' : 'resolution is'}`
    : `The above ${resolutionsPhrase(d.numbers)} ${many ? 'are' : 'is'}`;
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
