import { isLeft } from 'fp-ts/Either';
import { CommandHandler } from '../application/command-handler';
import { EventStore } from '../application/event-store';
import { instructionCommands } from '../application/iso20022/instruction-commands';
import {
  InstructionOutcome,
  instructionStatus,
  SEEV_006,
  SEEV_006_ROOT,
} from '../application/iso20022/instruction-status';
import {
  Instruction,
  MeetingInstruction,
  SEEV_004,
  SEEV_004_ROOT,
} from '../application/iso20022/meeting-instruction';
import { decodeCommand, decodeWith } from '../application/validation';
import { GovrecCommand } from '../domain/commands';
import { MeetingCommand } from '../domain/meeting/commands';
import { ResolutionCommand } from '../domain/resolution/commands';
import { DomainError, refuse } from '../domain/shared/errors';
import { messageXml, namespaceOf, readMessage } from '../infra/iso20022/xml';
import { issuerLabel, meetingReference } from '../projections/iso20022/message-parts';
import { failed, govrecError, ok, Result } from './errors';
import { meetingOnRecord } from './iso20022-record';

/**
 * A seev.004 MeetingInstruction imported: each instruction tried as the commands it becomes
 * (instruction-commands.ts), recording nothing; those the domain accepts whole recorded together as
 * one batch; a seev.006 status for every instruction. An instruction refused records nothing: its
 * attendance is only recorded with its votes. The command ids come from the message's and the
 * instructions' ids, so importing the message again records nothing and answers the same statuses.
 */

/** Who records the instructions, and when (the CLI: its clock; the library: the caller's). */
export interface Iso20022ImportOptions {
  /** The actor the commands are recorded as (the registrar's). */
  readonly actor: string;
  /** When the commands are issued: a proxy an instruction lodges is lodged then. */
  readonly issuedAt: string;
  /** The registrar named as confirming and vote-casting party in the seev.006 (default: the actor). */
  readonly registrar?: string;
}

/** What an import did: each instruction's outcome, what was recorded, and the seev.006 as XML. */
export interface Iso20022Imported {
  /** The seev.004's MtgInstrId. */
  readonly messageId: string;
  /** The meeting it instructs for. */
  readonly meetingId: string;
  /** Each instruction, accepted or refused, in the message's order. */
  readonly outcomes: readonly InstructionOutcome[];
  /** Commands recorded now, and those recorded by an earlier import of the same message. */
  readonly recorded: number;
  /** Commands an earlier import of the same message had recorded. */
  readonly alreadyRecorded: number;
  /** The seev.006 MeetingInstructionStatus, as XML. */
  readonly status: string;
}

const invalid = (field: string, message: string) =>
  failed({ kind: 'invalid' as const, rule: 'Invalid:Iso20022Message', field, message });

type Planned =
  | { instruction: Instruction; commands: GovrecCommand[] }
  | { instruction: Instruction; refusal: DomainError };

/** The instruction's commands as the domain would decide them now; its first refusal if any. */
async function plan(
  handler: CommandHandler,
  instruction: Instruction,
  context: Parameters<typeof instructionCommands>[1],
): Promise<Planned> {
  const built = instructionCommands(instruction, context);
  if (isLeft(built)) return { instruction, refusal: built.left };
  const decoded: GovrecCommand[] = [];
  for (const command of [...built.right.meeting, ...built.right.ballots]) {
    const d = decodeCommand(command);
    if (isLeft(d)) return { instruction, refusal: d.left };
    decoded.push(d.right);
  }
  let meeting = decoded.slice(0, built.right.meeting.length) as MeetingCommand[];
  const ballots = decoded.slice(built.right.meeting.length) as ResolutionCommand[];
  let trial = await handler.trialAfterMeeting(context.meetingId, meeting, ballots);
  // A holder already attending votes as it attends: its attendance is not recorded again.
  const attending = trial.meeting.findIndex((d) => isLeft(d) && /AlreadyAttending/.test(d.left.rule));
  if (attending >= 0) {
    meeting = meeting.filter((_, i) => i !== attending);
    trial = await handler.trialAfterMeeting(context.meetingId, meeting, ballots);
  }
  const refused = [...trial.meeting, ...trial.ballots].find(isLeft);
  return refused
    ? { instruction, refusal: refused.left }
    : { instruction, commands: [...meeting, ...ballots] };
}

export async function importInstructions(
  handler: CommandHandler,
  store: EventStore,
  xml: string,
  options: Iso20022ImportOptions,
): Promise<Result<Iso20022Imported>> {
  const read = readMessage(xml);
  if (typeof read === 'string') return invalid('file', read);
  if (read.namespace !== namespaceOf(SEEV_004) || read.root !== SEEV_004_ROOT)
    return invalid('Document', `Expected a ${SEEV_004} ${SEEV_004_ROOT}, not ${read.namespace} ${read.root}`);
  const decoded = decodeWith(MeetingInstruction)(read.body);
  if (isLeft(decoded)) return failed(govrecError(decoded.left));
  const message = decoded.right;
  const meetingId = message.MtgRef.MtgId;
  const onRecord = await meetingOnRecord(store, meetingId);
  if (!onRecord)
    return failed(govrecError(refuse('UnknownMeeting', 'MtgRef.MtgId', `No meeting ${meetingId}`)));
  const context = {
    messageId: message.MtgInstrId,
    meetingId,
    resolutionAt: new Map(onRecord.agenda.map((r) => [issuerLabel(r), r.resolutionId])),
    actor: options.actor,
    issuedAt: options.issuedAt,
  };
  const planned: Planned[] = [];
  for (const instruction of message.Instr) planned.push(await plan(handler, instruction, context));
  const accepted = planned.flatMap((p) => ('commands' in p ? p.commands : []));
  const outcomes = await handler.handleBatch(accepted);
  const byId = new Map(accepted.map((c, i) => [c.commandId, outcomes[i]]));
  const results: InstructionOutcome[] = planned.map((p) => {
    const base = { instructionId: p.instruction.SnglInstrId, holderId: p.instruction.AcctDtls.SfkpgAcct };
    if ('refusal' in p) return { ...base, refusal: p.refusal };
    // Decided again when recorded: another writer may have changed the meeting since the trial.
    const late = p.commands.map((c) => byId.get(c.commandId)).find((o) => o?.kind === 'refused');
    return late?.kind === 'refused' ? { ...base, refusal: late.error } : base;
  });
  const count = (kind: string) => outcomes.filter((o) => o.kind === kind).length;
  const security = { OthrId: message.FinInstrmId.OthrId };
  const body = instructionStatus(
    message.MtgInstrId,
    meetingReference(onRecord.meeting),
    security,
    results,
    options.registrar ?? options.actor,
  );
  return ok({
    messageId: message.MtgInstrId,
    meetingId,
    outcomes: results,
    recorded: count('recorded'),
    alreadyRecorded: count('alreadyRecorded'),
    status: messageXml(SEEV_006, SEEV_006_ROOT, body),
  });
}
