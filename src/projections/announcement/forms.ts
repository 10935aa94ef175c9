import { Either, left, right } from 'fp-ts/Either';
import { AnnouncementForm } from '../../domain/rules/presentation';
import { DomainError, refuse } from '../../domain/shared/errors';

/** The announcement's forms as the CLI's `--form` and the API's `?form=` name them. */
export const ANNOUNCEMENT_FORM_NAMES: Readonly<Record<string, AnnouncementForm>> = {
  hkex: 'HKEX_POLL_RESULTS',
  'uk-result-of-meeting': 'UK_RESULT_OF_MEETING',
};

/**
 * The form a caller names, or undefined where it names none (the meeting's presentation decides);
 * a name that is no form is refused as Invalid:AnnouncementForm, naming `field` and the forms there are.
 */
export function announcementFormNamed(
  name: string | undefined,
  field: string,
): Either<DomainError, AnnouncementForm | undefined> {
  if (name === undefined) return right(undefined);
  const form = Object.hasOwn(ANNOUNCEMENT_FORM_NAMES, name) ? ANNOUNCEMENT_FORM_NAMES[name] : undefined;
  if (form) return right(form);
  const names = Object.keys(ANNOUNCEMENT_FORM_NAMES);
  return left(
    refuse(
      'Invalid:AnnouncementForm',
      field,
      `${field} takes ${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}, not ${JSON.stringify(name)}`,
    ),
  );
}
