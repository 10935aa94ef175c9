import { hash } from 'node:crypto';
import { GovrecCommand } from '../domain/commands';
import { canonicalJson } from './canonical-json';

/**
 * SHA-256 of what a command asks, not when: a client's retry may carry a new issuedAt and is still
 * the same command. Kept in each event's metadata, so another command reusing a recorded id is
 * refused rather than taken for a retry. One-shot hash: computed for every command.
 */
export const commandDigest = (command: GovrecCommand): string =>
  hash('sha256', canonicalJson({ type: command.type, actor: command.actor, payload: command.payload }));
