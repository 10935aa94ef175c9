import { DomainEvent } from '../../domain/events';
import { grouped } from '../shared/figures';

const allocation = (given: readonly { candidateId: string; votes: number }[]): string =>
  given.length === 0 ? 'no candidate' : given.map((g) => `${g.candidateId} ${grouped(g.votes)}`).join(', ');

/** The audit trail's line for an election's event; undefined for any other event. */
export function summariseElection(event: DomainEvent): string | undefined {
  switch (event.type) {
    case 'ElectionTabled':
      return `Election ${event.data.electionId} tabled as No. ${event.data.number}: ${event.data.title}`;
    case 'ElectionProposed':
      return `Election by cumulative voting (${event.data.pool.toLowerCase().replace(/_/g, ' ')}) of ${event.data.seats} from ${event.data.candidates
        .map((c) => `${c.number} ${c.name}`)
        .join(', ')}: ${event.data.title}`;
    case 'CumulativeBallotCast':
      return `${event.data.holderId} ballot in ${event.data.electionId}: ${allocation(event.data.allocation)}; ${grouped(event.data.abstained)} of ${grouped(event.data.available)} abstained`;
    case 'CumulativeBallotInvalid':
      return `${event.data.holderId} ballot in ${event.data.electionId} INVALID (${event.data.reason}): ${allocation(event.data.allocation)} of ${grouped(event.data.available)} available; all abstained`;
    case 'CumulativeBallotRejected':
      return `Ballot of ${event.data.holderId} in ${event.data.electionId} rejected by ${event.data.rejectedBy}: ${event.data.reason}`;
    case 'PollClosedOnElection':
      return `Poll closed on ${event.data.electionId} at ${event.data.at}`;
    case 'ElectionDecided':
      return `Election ${event.data.electionId} decided: ${event.data.filled} of ${event.data.seats} seats filled (${
        event.data.ranking
          .filter((r) => r.elected)
          .map((r) => r.number)
          .join(', ') || 'none'
      }); base ${grouped(event.data.base.votes)} (${event.data.base.kind})`;
    case 'ElectionWithdrawn':
      return `Election ${event.data.electionId} withdrawn from ${event.data.meetingId} by ${event.data.withdrawnBy}: ${event.data.reason}`;
    default:
      return undefined;
  }
}
