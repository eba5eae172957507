import { smsTextBudget } from '../../vendors/twilio/segments';

/**
 * The most SMS segments one notification may take. Two keeps cost and carrier splitting in check while
 * leaving room for a status note: 306 characters of GSM-7 text, or 134 when the text needs UCS-2
 * (Spanish accents such as á, í, ó, ú).
 */
export const SMS_MAX_SEGMENTS = 2;

/** What one notification by SMS may carry, counted as Twilio bills it. */
export const SMS_TEXT_BUDGET = smsTextBudget(SMS_MAX_SEGMENTS);
