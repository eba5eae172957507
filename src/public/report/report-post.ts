import type { Request, Response } from 'express';
import multer from 'multer';
import { signValue } from '../../channels/signed-link';
import type { AppContext } from '../../context';
import { PRECISE_PLACE_KINDS } from '../../domain/place';
import { InputError } from '../../errors';
import { fill, strings } from '../i18n';
import { pageBase, tooMany } from './base';
import { checkAttributes, checkContact, checkDescription, checkPlace, type Draft, type FieldErrors, readDraft, stagedPhoto } from './draft';
import { answerFollow, requireContact } from './follow';
import { csrfValid, honeypotFilled } from './guard';
import { nearbyOpenCases } from './nearby';
import { formPage, type PageBase, photoLimit, refusedPage, reviewPage } from './report-page';
import { sendReport } from './submit';

/** Upload refusals that are about the photo itself: the resident can fix them by choosing another file. */
const PHOTO_ERRORS = new Set(['LIMIT_FILE_SIZE', 'LIMIT_FILE_COUNT', 'LIMIT_UNEXPECTED_FILE']);

/** Fields checked on the first step: an error in one of them sends the resident back there. */
const FIRST_STEP = new Set(['form', 'address', 'description', 'photo']);

function previewOf(ctx: AppContext, draft: Draft): string | undefined {
  return stagedPhoto(draft, ctx.linkSecret) ? `/report/photo/${encodeURIComponent(draft.photo)}` : undefined;
}

/** The photo part of the post: a new file is checked and staged now, so a later step only carries its signed name. */
async function takePhoto(ctx: AppContext, req: Request, draft: Draft, uploadError: unknown, errors: FieldErrors, base: PageBase): Promise<void> {
  const t = strings(base.lang);
  if ((req.body as Record<string, unknown>)?.remove_photo === '1') draft.photo = '';
  if (uploadError) {
    errors.photo =
      uploadError instanceof multer.MulterError && uploadError.code === 'LIMIT_FILE_SIZE'
        ? fill(t.errors.photoLarge, { size: photoLimit(ctx.config) })
        : t.errors.photoInvalid;
    return;
  }
  if (!req.file || req.file.size === 0) return;
  try {
    const staged = await ctx.media.stageUpload(req.file.buffer);
    draft.photo = signValue(ctx.linkSecret, 'upload', staged.file);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    errors.photo = t.errors.photoInvalid;
  }
}

/**
 * POST /report: every step of the form posts here, and the button pressed says what to do: `review` (check the
 * place and words, propose a category, show its questions and the open cases nearby), `send`/`send-new` (file it),
 * `follow` (follow a nearby case instead), `edit` (back to the first step). Whatever is refused comes back with a
 * message next to the field and everything the resident typed.
 */
export async function handleReportPost(ctx: AppContext, req: Request, res: Response, uploadError: unknown): Promise<void> {
  const base = pageBase(ctx, req, res);
  const t = strings(base.lang);
  res.set('Cache-Control', 'no-store');
  const raw = (req.body ?? {}) as Record<string, unknown>;
  // A body that could not be read as the form sends it (too many fields, a field too long, broken multipart): refused, nothing kept.
  if (uploadError && !(uploadError instanceof multer.MulterError && PHOTO_ERRORS.has(uploadError.code))) {
    res.status(400).type('html').send(refusedPage(base, t.report.title));
    return;
  }
  if (honeypotFilled(req)) {
    res.status(400).type('html').send(refusedPage(base, t.report.title));
    return;
  }
  const draft = readDraft(raw, ctx.catalog);
  const errors: FieldErrors = {};
  if (!csrfValid(req, ctx.linkSecret, ctx.config.publicBaseUrl)) {
    errors.form = t.errors.csrf;
    res
      .status(403)
      .type('html')
      .send(formPage(base, draft, errors, previewOf(ctx, draft)));
    return;
  }
  await takePhoto(ctx, req, draft, uploadError, errors, base);
  const step = typeof raw.step === 'string' ? raw.step : 'review';
  const follow = typeof raw.follow === 'string' && /^\d{1,15}$/.test(raw.follow) ? Number(raw.follow) : undefined;
  if (step === 'edit' && follow === undefined) {
    res.type('html').send(formPage(base, draft, errors, previewOf(ctx, draft)));
    return;
  }
  const lookups = await ctx.limits.hit('webLookups', req.ip ?? '');
  if (!lookups.allowed) return tooMany(ctx, req, res, lookups);

  const place = await checkPlace(draft, ctx.port.places, base.lang, t, ctx.config.city.name, errors);
  checkDescription(draft, t, errors);
  if (draft.serviceCode && !ctx.catalog.has(draft.serviceCode)) errors.service_code = t.errors.categoryUnknown;
  const contact = checkContact(draft, t, errors);
  if (!place || Object.keys(errors).some((k) => FIRST_STEP.has(k)) || (!draft.attrsFor && Object.keys(errors).length)) {
    res
      .status(422)
      .type('html')
      .send(formPage(base, draft, errors, previewOf(ctx, draft)));
    return;
  }

  const advice = draft.serviceCode ? undefined : ctx.port.categories.advise(draft.description, base.lang);
  const serviceCode = draft.serviceCode || advice?.confident || advice?.suggestions[0]?.service_code || ctx.catalog.defaultServiceCode;
  const attributes = ctx.catalog.get(serviceCode)?.attributes ?? [];
  const review = async (status: number, categoryChanged = false) => {
    const precise = PRECISE_PLACE_KINDS.includes(place.kind);
    const nearby = precise ? await nearbyOpenCases(ctx.db, place, serviceCode, ctx.config.report.nearbyMeters) : [];
    const view = { place, serviceCode, proposed: Boolean(advice), nearby, previewUrl: previewOf(ctx, draft), categoryChanged };
    res
      .status(status)
      .type('html')
      .send(reviewPage(base, draft, errors, view));
  };

  if (follow !== undefined) {
    requireContact(contact, errors, t);
    if (Object.keys(errors).length) return review(422);
    return answerFollow(ctx, req, res, base, follow, contact, draft.form);
  }
  const sending = step === 'send' || step === 'send-new';
  // A category chosen on this page whose questions were not shown yet: show them before sending.
  const unseenQuestions = draft.attrsFor !== serviceCode && attributes.length > 0;
  if (!sending || unseenQuestions || Object.keys(errors).length) return review(Object.keys(errors).length ? 422 : 200, sending && unseenQuestions);
  const answers = checkAttributes(attributes, draft, t, errors);
  if (Object.keys(errors).length) return review(422);

  const v = await ctx.limits.hit('webReports', req.ip ?? '');
  if (!v.allowed) return tooMany(ctx, req, res, v);
  const file = stagedPhoto(draft, ctx.linkSecret);
  await sendReport(ctx, {
    draft,
    language: base.lang,
    place,
    serviceCode,
    attributes: answers,
    contact,
    photo: file ? { file, contentType: `image/${file.split('.').pop()}` } : undefined,
    // "None of these is mine" speaks for the nearby cases shown, which were of the category the page showed.
    confirmedNew: step === 'send-new' && draft.attrsFor === serviceCode,
  });
  res.redirect(303, `/report/sent/${draft.form}?lang=${base.lang}`);
}
