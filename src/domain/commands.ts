import * as t from 'io-ts';
import { MeetingCommand } from './meeting/commands';
import { ResolutionCommand } from './resolution/commands';
import { ElectionCommand } from './election/commands';

/** Every command govrec accepts; `TableResolution` is issued by the command handler, not by clients. */
export const GovrecCommand = t.union([
  ...MeetingCommand.types,
  ...ResolutionCommand.types,
  ...ElectionCommand.types,
]);
export type GovrecCommand = t.TypeOf<typeof GovrecCommand>;

type CommandCodec = (typeof GovrecCommand.types)[number];
const typeOf = (codec: CommandCodec): string => codec.types[1].props.type.value;

/** The codec of each command type, so that a malformed command is reported against its own shape. */
export const COMMAND_CODECS: ReadonlyMap<string, CommandCodec> = new Map(
  GovrecCommand.types.map((c) => [typeOf(c), c]),
);

const resolutionTypes = new Set<string>(ResolutionCommand.types.map(typeOf));

export const isResolutionCommand = (c: GovrecCommand): c is ResolutionCommand => resolutionTypes.has(c.type);

const electionTypes = new Set<string>(ElectionCommand.types.map(typeOf));

export const isElectionCommand = (c: GovrecCommand): c is ElectionCommand => electionTypes.has(c.type);
