/**
 * The peer workload's rounds (peer.ts), each store's run in a process of its own, in turns, and its
 * figures as the benchmark's checks: govrec's store against Emmett's SQLite store (issue 19: ≥ 5×).
 */
import { join } from 'node:path';
import { perSecond } from './measure';
import { PeerFigures } from './peer';
import { Check } from './report';

const fastest = (runs: readonly PeerFigures[]): PeerFigures =>
  runs.reduce((best, run) => (run.ms < best.ms ? run : best));

const PEERS = ['govrec', 'govrec-thread', 'emmett', 'emmett-kept', 'sqlite-floor'] as const;

/** The peer workload on each store, in turns, twice; the fastest of each. */
export function peerRounds(inOwnProcess: <T>(args: readonly string[]) => T, dir: string, events: number) {
  const runs = Object.fromEntries(PEERS.map((kind) => [kind, [] as PeerFigures[]])) as Record<
    (typeof PEERS)[number],
    PeerFigures[]
  >;
  for (let round = 0; round < 2; round++)
    for (const kind of PEERS)
      runs[kind].push(
        inOwnProcess<PeerFigures>(['peer', kind, join(dir, `peer-${kind}.db`), String(events), '100']),
      );
  const best = Object.fromEntries(PEERS.map((kind) => [kind, fastest(runs[kind])])) as Record<
    (typeof PEERS)[number],
    PeerFigures
  >;
  return { best, runs };
}

export function peerChecks(peer: ReturnType<typeof peerRounds>): Check[] {
  const rate = (f: PeerFigures) => perSecond(f.events, f.ms);
  const { govrec, emmett } = peer.best;
  const kept = peer.best['emmett-kept'];
  const thread = peer.best['govrec-thread'];
  const floor = peer.best['sqlite-floor'];
  return [
    { measure: "peer: Emmett's SQLite store, public API", figure: rate(emmett), unit: 'events/s' },
    { measure: "peer: Emmett's SQLite store, one kept connection", figure: rate(kept), unit: 'events/s' },
    {
      measure: 'peer: govrec store vs Emmett, public API',
      figure: rate(govrec),
      unit: 'events/s',
      baseline: rate(emmett),
      target: { kind: 'ratio-at-least', value: 5 },
    },
    {
      measure: 'peer: govrec store vs Emmett, one kept connection',
      figure: rate(govrec),
      unit: 'events/s',
      baseline: rate(kept),
      target: { kind: 'ratio-at-least', value: 5 },
    },
    { measure: 'peer: govrec store, writer thread', figure: rate(thread), unit: 'events/s' },
    // The ceiling (peer-floor.ts): 5x Emmett is within reach only where this ratio is 5 or more.
    {
      measure: "peer: SQLite floor vs Emmett's public API",
      figure: rate(floor),
      unit: 'events/s',
      baseline: rate(emmett),
    },
    {
      measure: 'peer: govrec store vs the SQLite floor',
      figure: rate(govrec),
      unit: 'events/s',
      baseline: rate(floor),
    },
  ];
}
