import { announcementFromEvents, AnnouncementOptions } from '../../../src/projections/announcement';
import { ANNOUNCEMENT_FACTS_DOCUMENTS } from '../../../src/projections/announcement/documents';
import { announcementText } from '../../../src/projections/announcement/text';
import { applyAndTouch, documentOf, modelFromDocuments } from '../../../src/projections/shared/documents';
import { RecordedDomainEvent } from '../../../src/projections/shared/recorded-event';
import { publishedCommands, PublishedMeeting } from '../../golden/published/scenario-builder';
import { recordedEvents } from '../recorded';

/**
 * The sentences that speak of the resolutions as a whole, in both languages: one resolution is "the
 * resolution", not "the respective resolutions"; a Board is "pleased to announce" only results whose
 * resolutions all passed; a holder required to abstain is named where the register names it.
 * Small HK meetings on synthetic registers, figures by hand.
 */
type Holder = PublishedMeeting['holders'][number];
type Votes = PublishedMeeting['resolutions'][number]['votes'];

const meeting = (p: {
  holders: readonly Holder[];
  resolutions: readonly { votes: Votes; requiredToAbstain?: readonly object[] }[];
}): PublishedMeeting => ({
  id: 'wording-egm',
  company: { name: 'Harbour Lights Holdings Limited', stockCode: '9999' },
  kind: 'EGM',
  title: 'The extraordinary general meeting',
  ruleSetId: 'HK-CAP622',
  shareClasses: [{ code: 'ORD', issuedShares: 1_000, votesPerShare: 1 }],
  startsAt: '2025-06-12T10:00:00+08:00',
  place: 'Hong Kong',
  noticeOn: '2025-05-20',
  recordDate: '2025-06-06',
  holders: p.holders,
  resolutions: p.resolutions.map((r, i) => ({
    id: `wording-r${i + 1}`,
    number: i + 1,
    title: `To approve transaction ${i + 1}`,
    kind: 'ORDINARY',
    ...(r.requiredToAbstain ? { extra: { requiredToAbstain: r.requiredToAbstain } } : {}),
    votes: r.votes,
  })),
});

const HOLDERS: Holder[] = [
  { holderId: 'A', shareClass: 'ORD', shares: 600, attends: true },
  { holderId: 'B', shareClass: 'ORD', shares: 300, attends: true },
  { holderId: 'C', shareClass: 'ORD', shares: 100, attends: false },
];
const PASSING: Votes = [
  ['A', 600, 0, 0],
  ['B', 0, 300, 0],
];
const FAILING: Votes = [
  ['A', 0, 600, 0],
  ['B', 300, 0, 0],
];

async function texts(m: PublishedMeeting, options: AnnouncementOptions = {}) {
  const events = await recordedEvents(publishedCommands(m));
  return {
    events,
    en: announcementText(announcementFromEvents(events, options)),
    zh: announcementText(announcementFromEvents(events, options, undefined, 'zh-Hant')),
  };
}

describe('a meeting that puts a single resolution', () => {
  const single = () =>
    texts(meeting({ holders: HOLDERS, resolutions: [{ votes: PASSING }] }), {
      noVotingIntentionsStated: true,
    });

  it('speaks of "the resolution" in every sentence that counts them', async () => {
    const { en } = await single();
    expect(en).toContain('and the resolution set out below was voted by way of poll.');
    expect(en).toContain(
      'entitling the holders to attend and vote in respect of the resolution at the EGM was 1,000 Shares.',
    );
    expect(en).toContain('when casting votes on the resolution at the EGM according to Rule 13.40');
    expect(en).toContain('his/her/its intention to vote against the relevant resolution or to abstain');
    expect(en).toContain('The poll results in respect of the resolution at the EGM were as follows:');
    expect(en).not.toMatch(/respective|all the resolutions|any of the resolutions|relevant resolutions/);
  });

  it('does so in Chinese: "決議案", not "各項決議案" or "所有決議案"', async () => {
    const { zh } = await single();
    expect(zh).toContain('，下文所載的決議案以投票方式表決。');
    expect(zh).toContain('有權出席臨時股東大會並就決議案投票的股份總數為1,000股股份。');
    expect(zh).toContain('第13.40條於臨時股東大會上就決議案放棄投贊成票。');
    expect(zh).toContain('臨時股東大會上就決議案的投票結果如下：');
    expect(zh).not.toMatch(/各項|所有決議案|任何決議案/);
  });

  it('keeps the plural where the meeting puts several', async () => {
    const { en, zh } = await texts(
      meeting({ holders: HOLDERS, resolutions: [{ votes: PASSING }, { votes: PASSING }] }),
    );
    expect(en).toContain('and all the resolutions set out below were voted by way of poll.');
    expect(en).toContain('vote in respect of the respective resolutions at the EGM was 1,000 Shares.');
    expect(en).toContain(
      'The poll results in respect of the respective resolutions at the EGM were as follows:',
    );
    expect(zh).toContain('，下文所載的所有決議案均以投票方式表決。');
    expect(zh).toContain('有權出席臨時股東大會並就各項決議案投票的');
    expect(zh).toContain('臨時股東大會上就各項決議案的投票結果如下：');
  });
});

describe('the opening, by the outcome', () => {
  it('is "pleased to announce" when every resolution passed', async () => {
    const { en, zh } = await texts(
      meeting({ holders: HOLDERS, resolutions: [{ votes: PASSING }, { votes: PASSING }] }),
    );
    expect(en).toContain('The board of directors (the “Board”) of Harbour Lights Holdings Limited');
    expect(en).toMatch(/\(the “Company”\) is pleased to announce that /);
    expect(zh).toContain('董事會（「董事會」）欣然宣佈，');
  });

  const failing = () =>
    texts(meeting({ holders: HOLDERS, resolutions: [{ votes: PASSING }, { votes: FAILING }] }));

  it('announces, without the courtesy, when any resolution was not passed', async () => {
    const { en } = await failing();
    expect(en).toMatch(/\(the “Company”\) announces that /);
    expect(en).not.toContain('pleased');
  });

  it('宣佈, not 欣然宣佈, in Chinese', async () => {
    const { zh } = await failing();
    expect(zh).toContain('董事會（「董事會」）宣佈，');
    expect(zh).not.toContain('欣然');
  });
});

describe('a holder required to abstain', () => {
  const abstaining = (holders: readonly Holder[], scope = 'ALL') =>
    meeting({
      holders,
      resolutions: [PASSING, PASSING].map((_, i) => ({
        votes: [['B', i === 0 ? 300 : 0, i === 0 ? 0 : 300, 0]] as Votes,
        requiredToAbstain: holders
          .filter((h) => h.holderId !== 'B')
          .map((h) => ({ holderId: h.holderId, scope })),
      })),
    });
  const named = (h: Holder, name: string): Holder => ({ ...h, name });

  it('is named where the register names it, with its holding and share of the issued Shares', async () => {
    const { en } = await texts(abstaining([named(HOLDERS[0], 'Pacific Crest Limited'), HOLDERS[1]]));
    expect(en).toContain(
      'Pacific Crest Limited, holding 600 Shares (approximately 60.00% of the issued Shares), was required to abstain from voting on resolutions No. 1 and 2 at the EGM',
    );
    expect(en).not.toContain('The holder of');
  });

  it('is named in Chinese, in the Chinese name the options give', async () => {
    const { zh } = await texts(abstaining([named(HOLDERS[0], 'Pacific Crest Limited'), HOLDERS[1]]), {
      zhHant: { names: { 'Pacific Crest Limited': '太平峰有限公司' } },
    });
    expect(zh).toContain(
      '持有600股股份的太平峰有限公司須根據香港上市規則於臨時股東大會上就第1及2項決議案放棄投票。',
    );
    expect(zh).not.toContain('一名股東');
  });

  it('are named together when the register names them all, and not at all when it names some', async () => {
    const both = await texts(
      abstaining([named(HOLDERS[0], 'Pacific Crest Limited'), HOLDERS[1], named(HOLDERS[2], 'Ms Wong')]),
    );
    expect(both.en).toContain(
      'Pacific Crest Limited and Ms Wong, holding a total of 700 Shares (approximately 70.00% of the issued Shares), were required to abstain',
    );
    expect(both.zh).toContain('持有合共700股股份的Pacific Crest Limited及Ms Wong須根據');
    const some = await texts(abstaining([named(HOLDERS[0], 'Pacific Crest Limited'), ...HOLDERS.slice(1)]));
    expect(some.en).toContain(
      'The holders of a total of 700 Shares (approximately 70.00% of the issued Shares) were required to abstain',
    );
    expect(some.en).not.toContain('Pacific Crest');
    expect(some.zh).toContain('持有合共700股股份的2名股東須根據');
  });

  it('is named when required to abstain from voting in favour (Rule 13.40)', async () => {
    const { en } = await texts(
      abstaining([named(HOLDERS[0], 'Pacific Crest Limited'), HOLDERS[1]], 'IN_FAVOUR'),
    );
    expect(en).toContain(
      'Pacific Crest Limited, holding 600 Shares, was required to abstain from voting in favour of resolutions No. 1 and 2 at the EGM according to Rule 13.40',
    );
  });

  it('keeps its name in the stored documents, as the runner writes them', async () => {
    const { events } = await texts(abstaining([named(HOLDERS[0], 'Pacific Crest Limited'), HOLDERS[1]]));
    const model = ANNOUNCEMENT_FACTS_DOCUMENTS.initial();
    const stored = new Map<string, string>();
    // Up to the register: no later event (the scrutineers' appointment) rewrites the meeting's document.
    const upToRegister = events.slice(0, events.findIndex((e) => e.type === 'EntitlementsRecorded') + 1);
    for (const event of upToRegister as RecordedDomainEvent[]) {
      const touched = new Set<string>();
      applyAndTouch(ANNOUNCEMENT_FACTS_DOCUMENTS, model, event, touched);
      for (const key of touched) stored.set(key, documentOf(ANNOUNCEMENT_FACTS_DOCUMENTS, model, key)!);
    }
    const read = modelFromDocuments(ANNOUNCEMENT_FACTS_DOCUMENTS, stored);
    expect(read.meetings.get('wording-egm')?.holderNames).toEqual({ A: 'Pacific Crest Limited' });
  });
});

describe('a class meeting that puts a single resolution', () => {
  it('speaks of "the resolution" in its own sentences', async () => {
    const { en, zh } = await texts(
      {
        ...meeting({ holders: [], resolutions: [] }),
        id: 'wording-h-class',
        kind: 'CLASS',
        title: 'The first H shares class meeting of 2025',
        ruleSetId: 'PRC-HKEX-H',
        shareClasses: [{ code: 'H', issuedShares: 400, votesPerShare: 1 }],
        holders: [
          { holderId: 'H1', shareClass: 'H', shares: 300, attends: true },
          { holderId: 'H2', shareClass: 'H', shares: 100, attends: true },
        ],
        resolutions: [
          {
            id: 'wording-h-r1',
            number: 1,
            title: 'To approve the H share buy-back mandate',
            kind: 'SPECIAL',
            votes: [
              ['H1', 300, 0, 0],
              ['H2', 0, 100, 0],
            ],
          },
        ],
      },
      { noVotingIntentionsStated: true },
    );
    expect(en).toContain(
      'No H Shareholders were required to abstain from voting on the resolution proposed at the H Shares Class Meeting',
    );
    expect(en).toContain(
      'No H Shareholders were required to abstain from voting in favor of the resolution at the H Shares Class Meeting',
    );
    expect(en).toContain('his/her/its intention to vote against the relevant resolution or');
    expect(en).toContain('The poll results in respect of the resolution at the H Shares Class Meeting were');
    expect(en).not.toMatch(/respective|the resolutions|any resolution/);
    expect(zh).toContain('有權出席H股類別股東大會並就決議案投票的H股總數');
    expect(zh).not.toMatch(/各項|所有決議案|任何決議案/);
  });
});
