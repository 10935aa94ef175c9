import { Either, left, right } from 'fp-ts/Either';
import { MeetingCommand } from '../../domain/meeting/commands';
import { ResolutionCommand } from '../../domain/resolution/commands';
import { DomainError, refuse } from '../../domain/shared/errors';
import { Instruction } from './meeting-instruction';

/**
 * One instruction of a seev.004 as govrec's commands: a proxy lodged where the instruction names
 * one, the holder's attendance by proxy, and a CastVote per resolution, each with a command id made
 * of the message's and the instruction's ids, so that importing the same message again records
 * nothing new. Commands carry no decision: the domain decides them as it decides every other.
 */

/** What the commands are made with besides the instruction. */
export interface InstructionContext {
  readonly messageId: string;
  readonly meetingId: string;
  /** The resolution at each agenda label of the meeting. */
  readonly resolutionAt: ReadonlyMap<string, string>;
  readonly actor: string;
  readonly issuedAt: string;
}

/** The instruction's meeting facts and its ballots, in the order they are decided. */
export interface InstructionCommands {
  readonly meeting: MeetingCommand[];
  readonly ballots: ResolutionCommand[];
}

/** Letters, digits and - _ . : as ids allow; anything else (ISO text allows more) becomes '_'. */
const idPart = (text: string): string => text.replace(/[^A-Za-z0-9_.:-]/g, '_');

const quantity = (text: string | undefined, field: string): Either<DomainError, number> => {
  if (text === undefined) return right(0);
  if (!/^\d{1,15}(\.0*)?$/.test(text.trim()))
    return left(refuse('Invalid:Quantity', field, `${text} is not a whole number of shares`));
  return right(Number(text.trim().split('.')[0]));
};

export function instructionCommands(
  instruction: Instruction,
  context: InstructionContext,
): Either<DomainError, InstructionCommands> {
  const { meetingId, actor, issuedAt } = context;
  const base = `iso20022:${idPart(context.messageId)}:${idPart(instruction.SnglInstrId)}`;
  const holderId = instruction.AcctDtls.SfkpgAcct;
  const envelope = (suffix: string) => ({ commandId: `${base}:${suffix}`, actor, issuedAt });
  const meeting: MeetingCommand[] = [];
  if (instruction.Prxy)
    meeting.push({
      type: 'LodgeProxy',
      ...envelope('proxy'),
      payload: {
        meetingId,
        proxyId: `${base}:proxy`,
        holderId,
        proxyName: instruction.Prxy.Nm,
        lodgedAt: issuedAt,
      },
    } as MeetingCommand);
  meeting.push({
    type: 'RecordAttendance',
    ...envelope('attendance'),
    payload: { meetingId, holderId, mode: 'PROXY' },
  } as MeetingCommand);
  const ballots: ResolutionCommand[] = [];
  const votes = instruction.VoteDtls.VoteInstrForAgndRsltn.VotePerAgndRsltn.VoteInstr;
  for (const [i, vote] of votes.entries()) {
    const field = `Instr.VoteDtls.VoteInstr[${i}]`;
    const resolutionId = context.resolutionAt.get(vote.IssrLabl);
    if (!resolutionId)
      return left(
        refuse(
          'UnknownResolutionLabel',
          `${field}.IssrLabl`,
          `No resolution ${vote.IssrLabl} on the agenda of ${meetingId}`,
        ),
      );
    const figures = [
      quantity(vote.For, `${field}.For`),
      quantity(vote.Agnst, `${field}.Agnst`),
      quantity(vote.Abstn, `${field}.Abstn`),
    ];
    const bad = figures.find((f) => f._tag === 'Left');
    if (bad && bad._tag === 'Left') return bad;
    const [f, a, x] = figures.map((q) => (q._tag === 'Right' ? q.right : 0));
    ballots.push({
      type: 'CastVote',
      ...envelope(`vote:${idPart(vote.IssrLabl)}`),
      payload: { resolutionId, meetingId, holderId, for: f, against: a, abstain: x },
    } as ResolutionCommand);
  }
  return right({ meeting, ballots });
}

/**
 * The seev.006 rejection reason that fits a domain refusal. The codes are those the published
 * definition gives for a rejected status: LATE received after the deadline, DQUA an invalid
 * quantity, SAFE an account (here: a holder) not recognised, ULNK a reference that is unknown,
 * EVNM an unknown event (meeting), RBIS rejected by the issuer or registrar for another of its rules.
 */
export function rejectionReason(rule: string): string {
  if (/Deadline|Late|Closed|PollNot|AfterDeadline|MeetingTimeReached|Certified/.test(rule)) return 'LATE';
  if (/OverVote|EmptyVote|Quantity|ExceedsHolding|VotesOutOfRange|EmptyHolding/.test(rule)) return 'DQUA';
  if (/NotOnRegister|NotAttending|NoProxyInForce|ShareClass/.test(rule)) return 'SAFE';
  if (/UnknownResolution|ResolutionNotAtMeeting|NotOnAgenda|UnknownProxy/.test(rule)) return 'ULNK';
  if (rule === 'UnknownMeeting') return 'EVNM';
  return 'RBIS';
}
