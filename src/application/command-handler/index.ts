export { CommandHandler, commandDigest } from './command-handler';
export type { CommandHandlerOptions, CommandOutcome, StreamOutcome } from './command-handler';
