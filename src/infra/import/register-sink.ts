import { isLeft } from 'fp-ts/Either';
import { MeetingCommand, MeetingCommandOf } from '../../domain/meeting/commands';
import { Entitlement, MAX_ENTITLEMENTS_PER_BATCH } from '../../domain/meeting/events';
import { DomainError, refuse } from '../../domain/shared/errors';
import { SourceRow } from './import-report';
import { decodeRowCommand, FieldRow, meetingOnRecord, RowSink, SinkContext } from './row-sink';

type RecordEntitlements = MeetingCommandOf<'RecordEntitlements'>;

interface HolderRow extends SourceRow {
  readonly holder: Entitlement;
}

/** How often a batch is renumbered after another writer took its number. */
const RENUMBER_ATTEMPTS = 3;

/**
 * The register in RecordEntitlements batches of up to 5,000 holders, one batch per 5,000 rows of
 * the file. A batch is refused whole by the domain when one holder breaks a rule, so the offending
 * row is set aside (rejected with its rule) and the rest of the batch sent again. The batch's id
 * comes from its first line, so a re-run skips the batches already recorded; its number is the
 * meeting's next batch number when it is sent.
 */
export class RegisterSink implements RowSink {
  private holders: HolderRow[] = [];
  private rowsInChunk = 0;
  private firstLine = 0;

  constructor(private readonly context: SinkContext) {}

  async take(row: FieldRow): Promise<void> {
    if (this.rowsInChunk === 0) this.firstLine = row.line;
    this.rowsInChunk += 1;
    const decoded = decodeRowCommand(this.context, 'RecordEntitlements', row.line, {
      meetingId: this.context.meetingId,
      batch: 1,
      holders: [row.fields],
    });
    if (isLeft(decoded)) this.context.report.reject(row, decoded.left);
    else this.holders.push({ ...row, holder: (decoded.right as RecordEntitlements).payload.holders[0] });
    if (this.rowsInChunk === MAX_ENTITLEMENTS_PER_BATCH) await this.finish();
  }

  async finish(): Promise<void> {
    const rows = this.holders;
    this.holders = [];
    this.rowsInChunk = 0;
    if (rows.length > 0) await this.send(rows, this.firstLine);
  }

  private async send(initial: HolderRow[], firstLine: number): Promise<void> {
    const { handler, report } = this.context;
    // Known by its id before it is composed: its batch number and holders were fixed by that run.
    const id = this.commandId(firstLine);
    const recorded = (await (await meetingOnRecord(this.context)).recorded([id])).has(id);
    if (recorded) return this.alreadyRecorded(initial);
    let rows = initial;
    for (let renumbered = 0; rows.length > 0;) {
      const [outcome] = await handler.handleBatch([await this.batchOf(rows, firstLine)]);
      if (outcome.kind === 'recorded') report.recorded += rows.length;
      if (outcome.kind === 'alreadyRecorded') return this.alreadyRecorded(rows);
      if (outcome.kind !== 'refused') return;
      const at = holderIndex(outcome.error);
      if (at !== undefined) {
        report.reject(rows[at], outcome.error);
        rows = rows.filter((_, i) => i !== at);
      } else if (outcome.error.rule === 'BatchOutOfSequence' && ++renumbered < RENUMBER_ATTEMPTS) {
        continue;
      } else {
        for (const row of rows) report.reject(row, outcome.error);
        return;
      }
    }
  }

  private async batchOf(rows: readonly HolderRow[], firstLine: number): Promise<MeetingCommand> {
    const meeting = (await meetingOnRecord(this.context)).state;
    const batch = meeting.status === 'SCHEDULED' ? meeting.entitlementBatches + 1 : 1;
    const decoded = decodeRowCommand(this.context, 'RecordEntitlements', firstLine, {
      meetingId: this.context.meetingId,
      batch,
      holders: rows.map((r) => r.holder),
    });
    // Every holder has passed the same codec alone, so the batch passes too.
    if (isLeft(decoded)) throw new Error(`Register batch does not decode: ${decoded.left.message}`);
    return decoded.right as RecordEntitlements;
  }

  private commandId(firstLine: number): string {
    return `${this.context.idPrefix}:L${firstLine}`;
  }

  /**
   * The batch was recorded by an earlier run, which set aside the rows it refused. A row whose
   * holding is on the register as written was recorded; any other is decided alone against the
   * register as it stands, which says why it cannot be recorded (usually what that run said).
   */
  private async alreadyRecorded(rows: readonly HolderRow[]): Promise<void> {
    const { report } = this.context;
    const meeting = (await meetingOnRecord(this.context)).state;
    const register = meeting.status === 'SCHEDULED' ? meeting.entitlements : new Map<string, never>();
    const claimed = new Set<string>();
    for (const row of rows) {
      const { holderId, shareClass, shares } = row.holder;
      const held = register.get(holderId);
      if (held?.shareClass === shareClass && held.shares === shares && !claimed.has(holderId)) {
        claimed.add(holderId);
        report.alreadyRecorded += 1;
      } else {
        report.reject(row, await this.whyNot(row));
      }
    }
  }

  private async whyNot(row: HolderRow): Promise<DomainError> {
    const decision = await this.context.handler.check(await this.batchOf([row], 0));
    return isLeft(decision)
      ? decision.left
      : refuse(
          'RefusedInEarlierImport',
          'payload.holders[0].holderId',
          'Refused by an earlier import of this file',
        );
  }
}

/** The holder a refusal names, from its field `payload.holders[i]…`. */
function holderIndex(error: DomainError): number | undefined {
  const match = /^payload\.holders\[(\d+)\]/.exec(error.field);
  return match ? Number(match[1]) : undefined;
}
