import { ChainVerdict } from './event-chain';
import { EventStore } from './event-store';
import { Finding, Verdict, verifyMeeting } from './record-verification';

const PAGE = 10_000;

/**
 * The meetings `verify` checks when none is named: every meeting whose record shows it closed or
 * certified, and every meeting a seal stands for. A meeting whose certification and seal were
 * removed is still listed by its closing; one whose closing was removed too breaks the chain.
 */
export async function meetingsToVerify(store: EventStore): Promise<string[]> {
  const ids = new Set<string>();
  for (let after = -1; ;) {
    const page = await store.readAll({ afterPosition: after, maxCount: PAGE, lazyMetadata: true });
    for (const e of page) {
      if (e.type === 'ResultsCertified' || e.type === 'MeetingClosed' || e.type === 'RecordSealed')
        ids.add((e.data as { meetingId: string }).meetingId);
    }
    if (page.length < PAGE) return [...ids];
    after = page[page.length - 1].position;
  }
}

/**
 * The record checked whole: its hash chain (where the store keeps one) and each meeting's record
 * against its seal. With no meeting named, every meeting meetingsToVerify lists, after a verdict on
 * the whole record (scope 'record'), so that a record with no closed meeting is proven too. A
 * chain that does not hold makes every verdict unclean.
 */
export async function verifyWholeRecord(
  store: EventStore,
  meetingIds: readonly string[] | undefined,
): Promise<Verdict[]> {
  const named = meetingIds !== undefined && meetingIds.length > 0;
  const ids = named ? [...new Set(meetingIds)] : await meetingsToVerify(store);
  const chain: ChainVerdict = store.verifyChain ? await store.verifyChain() : { kept: false, events: 0 };
  const holds = chain.break === undefined;
  const meetings: Verdict[] = [];
  // One at a time: each reads its streams whole, and a large record's streams are large.
  for (const id of ids) {
    const verdict = await verifyMeeting(store, id);
    meetings.push({ ...verdict, chain, clean: verdict.clean && holds });
  }
  return named ? meetings : [recordVerdict(chain), ...meetings];
}

function recordVerdict(chain: ChainVerdict): Verdict {
  const found = chain.break;
  const findings: Finding[] = found
    ? [
        {
          streamName: found.streamName ?? '',
          ...(found.revision === undefined ? {} : { revision: found.revision }),
          kind: found.kind,
          detail: found.detail,
        },
      ]
    : [];
  return {
    meetingId: '',
    scope: 'record',
    certified: false,
    sealed: false,
    clean: found === undefined,
    findings,
    chain,
  };
}
