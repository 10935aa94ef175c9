import { documentKey, DocumentMapping } from '../shared/documents';
import {
  applyToProceedings,
  initialProceedings,
  Proceedings,
  PROCEEDINGS_EVENTS,
  proceedingsMeetingOf,
} from './proceedings';

/** One document per meeting: its opening, quorum, poll times and certification. */
export const PROCEEDINGS_DOCUMENTS: DocumentMapping<Proceedings> = {
  projection: 'proceedings',
  sections: ['meetings'],
  initial: initialProceedings,
  apply: applyToProceedings,
  folds: PROCEEDINGS_EVENTS,
  touched: (event) => {
    const id = proceedingsMeetingOf(event);
    return id === undefined ? [] : [documentKey('meetings', id)];
  },
};
