import { Verdict } from '../application/record-verification';
import { verifyWholeRecord } from '../application/whole-record';
import { EventStore } from '../application/event-store';
import { ProjectionRunner } from '../infra/read-models/projection-runner';
import {
  ANNOUNCEMENT_FACTS,
  HOLDER_HEADINGS,
  PROCEEDINGS,
  PROXY_REGISTER,
} from '../infra/read-models/persisted-projections';
import { auditPage, holderHistoryOf } from '../infra/read-models/stored-queries';
import { announcement, AnnouncementLanguage, AnnouncementOptions } from '../projections/announcement';
import { announcementDocument } from '../projections/announcement/document';
import { announcementMarkdown } from '../projections/announcement/markdown';
import { announcementText } from '../projections/announcement/text';
import { AuditFilter, AuditPage, AuditPaging } from '../projections/audit/query';
import { HolderHistoryView } from '../projections/holders/view';
import { HolderProxies, proxiesAt, proxyKey } from '../projections/holders/proxy-register';
import { documentKey } from '../projections/shared/documents';
import { resultsView, ResultsView } from '../projections/results/view';
import { MeetingDetails, meetingDetails } from '../projections/proceedings/details';

/** The formats the announcement is written in (a PDF is printed from the html by a browser: see the CLI and server). */
export type AnnouncementFormat = 'text' | 'markdown' | 'html';

/** Every format the announcement is written in: plain text, Markdown, HTML (a whole, styled, self-contained document). */
export const ANNOUNCEMENT_FORMATS: readonly AnnouncementFormat[] = ['text', 'markdown', 'html'];

const WRITERS = {
  text: announcementText,
  markdown: announcementMarkdown,
  html: announcementDocument,
} as const;

/**
 * The results view, built once per change of the read models rather than once per query: a page
 * polling it then costs almost nothing.
 */
export class ResultsCache {
  private cached?: { applied: number; view: ResultsView };

  constructor(private readonly runner: ProjectionRunner) {}

  all(): ResultsView {
    if (this.cached?.applied !== this.runner.applied)
      this.cached = { applied: this.runner.applied, view: resultsView(this.runner.results) };
    return this.cached.view;
  }

  of(meetingIds: readonly string[] | undefined): ResultsView {
    return meetingIds && meetingIds.length > 0 ? resultsView(this.runner.results, meetingIds) : this.all();
  }
}

export const auditTrailOf = (
  runner: ProjectionRunner,
  filter: AuditFilter,
  paging: AuditPaging,
): Promise<AuditPage> => auditPage(runner.source, runner.stored, filter, paging);

export const holderHistoryIn = (
  runner: ProjectionRunner,
  holderId: string,
): Promise<HolderHistoryView | undefined> =>
  holderHistoryOf(runner.source, runner.stored, runner.model(HOLDER_HEADINGS), holderId);

/** The register is paged (one document per holder who lodged a proxy): the meeting's are read from disk. */
export const proxyRegisterOf = (runner: ProjectionRunner, meetingId: string): HolderProxies[] =>
  proxiesAt(
    runner.documentsUnder(PROXY_REGISTER, documentKey('holders', proxyKey(meetingId, ''))),
    meetingId,
  );

export const meetingDetailsIn = (runner: ProjectionRunner, meetingId: string): MeetingDetails | undefined =>
  meetingDetails(
    {
      results: runner.results,
      facts: runner.model(ANNOUNCEMENT_FACTS),
      proceedings: runner.model(PROCEEDINGS),
    },
    meetingId,
  );

export function announcementIn(
  runner: ProjectionRunner,
  format: AnnouncementFormat,
  options: AnnouncementOptions,
  meetingIds: readonly string[] | undefined,
  language: AnnouncementLanguage = 'en',
): string {
  const models = { results: runner.results, facts: runner.model(ANNOUNCEMENT_FACTS) };
  return WRITERS[format](
    announcement(models, options, meetingIds && meetingIds.length > 0 ? meetingIds : undefined, language),
  );
}

/**
 * The whole record against its hash chain, and each named meeting's record against its seal; with
 * none named, a verdict on the whole record first, then every meeting closed, certified or sealed.
 */
export const verifyRecord = (
  store: EventStore,
  meetingIds: readonly string[] | undefined,
): Promise<Verdict[]> => verifyWholeRecord(store, meetingIds);
