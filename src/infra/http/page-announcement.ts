import { createHash } from 'node:crypto';
import { FastifyInstance, FastifyReply } from 'fastify';
import { isLeft } from 'fp-ts/Either';
import {
  ANNOUNCEMENT_LANGUAGES,
  AnnouncementLanguage,
  announcementFormNamed,
  CertifiedFiguresMismatch,
  Govrec,
} from '../../index';
import { PAGE_CSP, refusalPage } from './page-layout';

type Query = Record<string, string | undefined>;

const refused = (reply: FastifyReply, status: number, title: string, message: string) =>
  reply
    .code(status)
    .header('content-security-policy', PAGE_CSP)
    .type('text/html; charset=utf-8')
    .send(refusalPage(title, message));

/**
 * The policy for the announcement, a self-contained document: its one inline stylesheet, admitted by
 * its digest, and nothing else at all.
 */
function announcementPolicy(html: string): string {
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  const digest = createHash('sha256').update(style, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'sha256-${digest}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
}

/** The announcement of the meetings asked for (all when none), in the language asked, ready to file. */
export function registerAnnouncementPage(app: FastifyInstance, govrec: Govrec): void {
  app.get<{ Querystring: Query }>('/announcement', async (request, reply) => {
    const language = (request.query.lang || 'en') as AnnouncementLanguage;
    if (!ANNOUNCEMENT_LANGUAGES.includes(language))
      return refused(reply, 400, 'Bad request', 'lang is en or zh-Hant.');
    const form = announcementFormNamed(request.query.form, 'form');
    if (isLeft(form)) return refused(reply, 400, 'Bad request', `${form.left.message}.`);
    const meetings = request.query.meeting ? request.query.meeting.split(',') : undefined;
    const known = (await govrec.results()).meetings.map((m) => m.id);
    const unknown = (meetings ?? []).find((id) => !known.includes(id));
    if (unknown) return refused(reply, 404, 'No such meeting', `The record holds no meeting ${unknown}.`);
    try {
      const html = await govrec.announcement('html', meetings, language, form.right);
      return reply
        .header('content-security-policy', announcementPolicy(html))
        .header('x-content-type-options', 'nosniff')
        .type('text/html; charset=utf-8')
        .send(html);
    } catch (error) {
      if (!(error instanceof CertifiedFiguresMismatch)) throw error;
      return refused(reply, 409, 'Not certified', error.message);
    }
  });
}
