import { Block, heading, Inline, inline, paragraph, sentences } from './blocks';
import { AbstentionGroup, Drafting, MeetingInAnnouncement } from './context';
import { oneItem } from './counting';
import { listed, resolutionsPhrase } from './names';
import { grouped } from '../shared/figures';
import { percent } from '../../domain/shared/exact';

/**
 * Section 1, "Convening of the Meetings": for each meeting, the shares entitling holders to attend
 * and vote (Rule 13.39(5)), the holders required to abstain (13.40 and otherwise), and the shares
 * represented by those attending. General meetings and class meetings are worded differently, as
 * the reference announcement words them (the class-meeting wording is its own, "in favor" included).
 */
export function conveningSection(meetings: readonly MeetingInAnnouncement[], drafting: Drafting): Block[] {
  const title = drafting.several ? 'the Meetings' : `the ${meetings[0].names.short}`;
  return [
    heading(2, [`1. Convening of ${title}`]),
    ...meetings.flatMap((m) => [
      ...(drafting.several ? [heading(3, [m.names.short])] : []),
      paragraph(entitled(m)),
      paragraph(m.names.general ? generalAbstentions(m, drafting) : classAbstentions(m, drafting)),
      paragraph(attending(m, drafting)),
    ]),
  ];
}

function entitled(m: MeetingInAnnouncement): Inline[] {
  const { names, view, abstentions } = m;
  const barred = abstentions.filter((g) => g.scope === 'ALL');
  // On a resolution some holders may not vote on at all, fewer shares entitle to vote on it: the
  // independent holders' shares, also as a percentage of the issued shares where the issuer says so.
  const share = (shares: number) =>
    view.presentation.independentShareOfIssued === false
      ? ''
      : ` (approximately ${ofIssued(m, shares)}% of the issued ${names.unit})`;
  const independent = (g: AbstentionGroup) =>
    `${grouped(view.sharesEntitledToVote - g.shares)} ${names.unit}${share(view.sharesEntitledToVote - g.shares)}`;
  const covered = new Set(barred.flatMap((g) => g.numbers));
  // Where every resolution is an exception, there is no rule to save them from: say each.
  if (view.resolutions.length > 0 && view.resolutions.every((r) => covered.has(r.no)))
    return inline`${listed(
      barred.map(
        (g, i) =>
          `${i === 0 ? 'The' : 'the'} total number of ${names.unit} entitling the holders to attend and vote on ${resolutionsPhrase(g.numbers, m.labels)} at the ${names.short} was ${independent(g)}`,
      ),
    )}.`;
  const save = barred.map(
    (g) => `${resolutionsPhrase(g.numbers, m.labels)}, in respect of which it was ${independent(g)}`,
  );
  const resolutions = oneItem([m]) ? 'the resolution' : 'the respective resolutions';
  return inline`The total number of ${names.unit} entitling the holders to attend and vote in respect of ${resolutions} at the ${names.short} was ${grouped(view.sharesEntitledToVote)} ${names.unit}${
    save.length > 0 ? `, save for ${listed(save)}` : ''
  }.`;
}

/** Shares as a percentage of the issued shares of the meeting's classes, at the presentation's decimals. */
const ofIssued = ({ facts, view }: MeetingInAnnouncement, shares: number): string =>
  percent(
    shares,
    facts.shareClasses.reduce((sum, c) => sum + c.issuedShares, 0),
    view.presentation.decimals,
  );

/**
 * "The holder of 100,000 Shares was", "The holders of a total of 250,000 Shares were"; holders
 * barred from voting at all with their holding as a percentage of the issued shares. Where the
 * register names every holder of the group, the sentence names them, as issuers do: "Founder
 * Information, holding 100,000 Shares (approximately 60.01% of the issued Shares), was".
 */
const holdersOf = (g: AbstentionGroup, unit: string, m?: MeetingInAnnouncement): string => {
  const share = m ? ` (approximately ${ofIssued(m, g.shares)}% of the issued ${unit})` : '';
  const many = g.holders > 1;
  if (g.names)
    return `${listed(g.names)}, holding ${many ? 'a total of ' : ''}${grouped(g.shares)} ${unit}${share}, ${many ? 'were' : 'was'}`;
  return many
    ? `The holders of a total of ${grouped(g.shares)} ${unit}${share} were`
    : `The holder of ${grouped(g.shares)} ${unit}${share} was`;
};

/** "the relevant resolutions", or "the relevant resolution" where the meeting put one. */
const relevant = (m: MeetingInAnnouncement): string =>
  oneItem([m]) ? 'the relevant resolution' : 'the relevant resolutions';

function generalAbstentions(m: MeetingInAnnouncement, { terms, options, circularTerm }: Drafting): Inline[] {
  const { short, unit } = m.names;
  const inFavour = m.abstentions.filter((g) => g.scope === 'IN_FAVOUR');
  const barred = m.abstentions.filter((g) => g.scope === 'ALL');
  const rule1340 =
    inFavour.length === 0
      ? [
          inline`There were no ${terms.use('Shareholders')} who were required to abstain from voting in favour when casting votes on ${oneItem([m]) ? 'the resolution' : 'any of the resolutions'} at the ${short} according to Rule 13.40 of ${terms.use('Hong Kong Listing Rules')}.`,
        ]
      : inFavour.map(
          (g) =>
            inline`${holdersOf(g, unit)} required to abstain from voting in favour of ${resolutionsPhrase(g.numbers, m.labels)} at the ${short} according to Rule 13.40 of ${terms.use('Hong Kong Listing Rules')}.`,
        );
  const abstain =
    barred.length === 0
      ? [
          inline`There were no ${terms.use('Shareholders')} who were required to abstain from voting according to ${terms.use('Hong Kong Listing Rules')}.`,
        ]
      : barred.map(
          (g) =>
            inline`${holdersOf(g, unit, m)} required to abstain from voting on ${resolutionsPhrase(g.numbers, m.labels)} at the ${short} according to ${terms.use('Hong Kong Listing Rules')}.`,
        );
  const intentions = options.noVotingIntentionsStated
    ? [
        inline`None of the ${terms.use('Shareholders')} has stated${circularTerm ? ` in the ${circularTerm}` : ''} his/her/its intention to vote against ${relevant(m)} or to abstain from voting.`,
      ]
    : [];
  return sentences(...rule1340, ...abstain, ...intentions);
}

function classAbstentions(m: MeetingInAnnouncement, { terms, options, circularTerm }: Drafting): Inline[] {
  const { short, unit, classHolders } = m.names;
  const inFavour = m.abstentions.filter((g) => g.scope === 'IN_FAVOUR');
  const barred = m.abstentions.filter((g) => g.scope === 'ALL');
  const abstain =
    barred.length === 0
      ? [
          inline`No ${classHolders} were required to abstain from voting on ${oneItem([m]) ? 'the resolution' : 'the resolutions'} proposed at the ${short} according to ${terms.use('Hong Kong Listing Rules')}.`,
        ]
      : barred.map(
          (g) =>
            inline`${holdersOf(g, unit, m)} required to abstain from voting on ${resolutionsPhrase(g.numbers, m.labels)} proposed at the ${short} according to ${terms.use('Hong Kong Listing Rules')}.`,
        );
  const rule1340 =
    inFavour.length === 0
      ? [
          inline`No ${classHolders} were required to abstain from voting in favor of ${oneItem([m]) ? 'the resolution' : 'any resolution'} at the ${short} as set out in Rule 13.40 of ${terms.use('Hong Kong Listing Rules')}.`,
        ]
      : inFavour.map(
          (g) =>
            inline`${holdersOf(g, unit)} required to abstain from voting in favor of ${resolutionsPhrase(g.numbers, m.labels)} at the ${short} as set out in Rule 13.40 of ${terms.use('Hong Kong Listing Rules')}.`,
        );
  // The reference closes its class-meeting statement by repeating that none had to abstain; with
  // abstentions to report, the first sentence has said who did, and a repeat would contradict it.
  const repeat =
    barred.length === 0
      ? [
          inline`No ${classHolders} were required to abstain from voting according to ${terms.use('Hong Kong Listing Rules')}.`,
        ]
      : [];
  const intentions = options.noVotingIntentionsStated
    ? [
        inline`None of the ${classHolders} has stated${circularTerm ? ` in the ${circularTerm}` : ''} his/her/its intention to vote against ${relevant(m)} or to abstain from voting.`,
      ]
    : [];
  return sentences(...abstain, ...rule1340, ...repeat, ...intentions);
}

function attending({ names, view }: MeetingInAnnouncement, { terms }: Drafting): Inline[] {
  const online = view.attendingOnline;
  // Holders voting online attend too (the A-share network vote); the sentence says how many did so.
  const how = online ? 'in person, by proxy or by online voting' : 'in person or by proxy';
  const ofWhich = online
    ? `, of which ${grouped(online.shares)} ${names.unit} (approximately ${online.percent}% of the total number of ${names.unit}) were represented by ${online.holders} ${online.holders === 1 ? 'holder' : 'holders'} voting online`
    : '';
  return inline`The total number of ${names.unit} with voting rights represented by the ${terms.use('Shareholders')} attending the ${names.short} ${how} was ${grouped(view.attendingShares)} Shares, representing approximately ${view.attendingPercent}% of the total number of ${names.unit}${ofWhich}.`;
}
