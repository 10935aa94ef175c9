/**
 * A refused command: which rule it broke and which field of the command carries the offending value.
 * Domain code returns these in Either.left; it never throws.
 */
export interface DomainError {
  /** The rule, as a stable code a client can switch on, e.g. 'PollNotOpen', 'OverVote'. */
  readonly rule: string;
  /** Path of the offending field in the command, e.g. 'payload.holderId'. */
  readonly field: string;
  /** The refusal in a sentence, for a person to read. */
  readonly message: string;
}

export const refuse = (rule: string, field: string, message: string): DomainError => ({
  rule,
  field,
  message,
});
