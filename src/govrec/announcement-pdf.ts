import { htmlToPdf } from '../infra/browser/pdf';
import { AnnouncementLanguage } from '../projections/announcement';
import { AnnouncementForm } from '../domain/rules/presentation';
import { Govrec } from './govrec';

/**
 * The announcement as an A4 PDF, printed from its HTML (the filing) by headless Chromium, found as
 * infra/browser/chromium.ts says; a Chinese one embeds its font. Throws MissingBrowser, naming what
 * to install, where there is no browser, and CertifiedFiguresMismatch as Govrec.announcement does.
 */
export async function announcementPdf(
  govrec: Govrec,
  meetingIds?: readonly string[],
  language: AnnouncementLanguage = 'en',
  form?: AnnouncementForm,
): Promise<Uint8Array> {
  const html = await govrec.announcement('html', meetingIds, language, form);
  return htmlToPdf(html, { chinese: language === 'zh-Hant' });
}
