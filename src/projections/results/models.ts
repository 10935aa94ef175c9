import { DomainEvent } from '../../domain/events';
import { applyToAttendance, Attendance, initialAttendance } from './attendance';
import { applyToOutcomes, initialOutcomes, Outcomes } from './outcomes';
import { applyToPollResults, initialPollResults, PollResults } from './poll';

/**
 * The results read model: the poll's tallies, the attendance and the overall outcomes, each folded
 * from the events alone; view.ts shapes them as a registrar reads them.
 */
export interface ResultsModels {
  readonly poll: PollResults;
  readonly attendance: Attendance;
  readonly outcomes: Outcomes;
}

export const initialResultsModels = (): ResultsModels => ({
  poll: initialPollResults(),
  attendance: initialAttendance(),
  outcomes: initialOutcomes(),
});

export function applyToResults(models: ResultsModels, event: DomainEvent): ResultsModels {
  applyToPollResults(models.poll, event);
  applyToAttendance(models.attendance, event);
  applyToOutcomes(models.outcomes, event);
  return models;
}

export const foldResults = (events: Iterable<DomainEvent>): ResultsModels => {
  const models = initialResultsModels();
  for (const e of events) applyToResults(models, e);
  return models;
};
