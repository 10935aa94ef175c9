import { DomainError } from '../../index';

/** A refusal as every answer of the server gives it: the rule, the field, and why. */
export const refuse = (rule: string, field: string, message: string): DomainError => ({
  rule,
  field,
  message,
});
