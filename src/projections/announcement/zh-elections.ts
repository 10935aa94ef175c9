import { ElectionPool } from '../../domain/election/events';
import { Block, paragraph } from './blocks';
import { grouped } from '../shared/figures';
import { ZhDrafting, ZhMeeting, zhName } from './zh-opening';
import { zhListed, zhMajority } from './zh-words';

/**
 * Elections by cumulative voting in Chinese: the election's row, a row per candidate with the votes
 * and their percentage, then who was elected, who was not and why, and any seat left vacant.
 */
const SEAT: Readonly<Record<ElectionPool, string>> = {
  NON_INDEPENDENT_DIRECTORS: '非獨立董事',
  INDEPENDENT_DIRECTORS: '獨立非執行董事',
  SUPERVISORS: '監事',
};

export function zhElectionBlocks({ m, zh }: ZhMeeting, d: ZhDrafting): Block[] {
  return (m.view.elections ?? []).flatMap((e): Block[] => {
    const result = m.results.elections?.get(e.electionId);
    if (!result) return [];
    const title = d.words.electionTitles?.[e.electionId] ?? e.title;
    if (e.withdrawn) return [paragraph([`第${e.no}項決議案（${title}）已撤回，未有提呈表決。`])];
    const seat = SEAT[e.pool];
    const name = (n: string) => zhName(d.words, n);
    const table: Block = {
      kind: 'cumulative',
      table: {
        heading: '以累積投票方式表決的普通決議案',
        caption: '票數（佔出席股東所持有表決權股份總數的百分比）',
        number: e.no,
        title,
        rows: e.candidates.map((c) => ({
          number: c.no,
          title: `選舉${name(c.name)}為本公司${seat}`,
          cell: `${grouped(c.votes)} (${c.pct}%)`,
        })),
      },
    };
    if (e.filled === null) return [table, paragraph([`上述第${e.no}項決議案的投票尚未結束。`])];
    const majority = zhMajority(result.rule, zh.short);
    const by = (reason: string) =>
      e.candidates.filter((c) => c.notElected === reason).map((c) => name(c.name));
    const elected = e.candidates.filter((c) => c.elected).map((c) => name(c.name));
    const sentences = [
      elected.length > 0
        ? `${zhListed(elected)}${elected.length > 1 ? '均' : ''}獲得${majority}，以累積投票方式當選為本公司${seat}。`
        : '',
      by('BELOW_MAJORITY').length > 0 ? `${zhListed(by('BELOW_MAJORITY'))}因未獲${majority}而未能當選。` : '',
      by('TIED_FOR_LAST_SEAT').length > 0
        ? `${zhListed(by('TIED_FOR_LAST_SEAT'))}就餘下席位所得票數相同，均未能當選。`
        : '',
      by('NO_SEAT_LEFT').length > 0 ? `${zhListed(by('NO_SEAT_LEFT'))}因排名在應選席位之後而未能當選。` : '',
      e.shortfall ? `因此，本公司${seat}尚有${grouped(e.shortfall)}個席位空缺。` : '',
    ];
    return [table, paragraph([sentences.join('')])];
  });
}
