import * as t from 'io-ts';
import { closed, Id, IsoDateTime, NonEmptyString } from './codecs';

/**
 * What every command carries besides its payload: who sends it, when (the domain has no clock), and
 * the ids that let the record say why each event happened.
 */
export const CommandMetadata = t.intersection([
  t.type({ commandId: Id, actor: NonEmptyString, issuedAt: IsoDateTime }),
  t.partial({ correlationId: Id, causationId: Id }),
]);
export type CommandMetadata = t.TypeOf<typeof CommandMetadata>;

/** `{ type: 'X', payload: P }` with the command's metadata beside them. */
export const command = <T extends string, P extends t.Mixed>(type: T, payload: P) =>
  t.intersection([CommandMetadata, t.type({ type: t.literal(type), payload: closed(payload) })], type);

/** `{ type: 'X', data: D }`: an event as the domain sees it; the store adds ids, version and metadata. */
export const event = <T extends string, D extends t.Mixed>(type: T, data: D) =>
  t.type({ type: t.literal(type), data }, type);
