import { problemWords } from '../../../channels/twitter/is-report';
import { decideReport, decideUnanswered, type HeldReport, type XConversation } from '../../../channels/twitter/report-decision';
import { loadCatalog } from '../../../src/catalog/catalog';
import type { InboundView } from '../../../src/channels/port';
import { categoryAdvisor } from '../../../src/intake/category-advisor';
import { KeywordClassifier } from '../../support/keyword-classifier';
import { locales } from '../../support/locales';

const catalog = loadCatalog();
const categories = categoryAdvisor(catalog, new KeywordClassifier());
const deps = {
  locales,
  categories,
  catalog,
  judge: { categories, problemWords: problemWords(catalog), cityHandle: 'City311' },
  timeoutMs: 30 * 60_000,
};

const tweet = (id: string, text: string): HeldReport => ({
  channel: 'twitter',
  providerMessageId: id,
  reporter: { address: '77' },
  text,
  media: [],
  language: 'en',
  public: true,
});
const facts = (id: string, text: string, isReply = true) => ({ report: tweet(id, text), raw: `@City311 ${text}`, hasAddress: false, isReply });
const none: InboundView<XConversation> = {};
const viewAfter = (decision: ReturnType<typeof decideReport>, minutesLater = 1): InboundView<XConversation> => ({
  conversation: { state: decision.conversation!.state as XConversation, updatedAt: new Date(Date.now() - minutesLater * 60_000) },
});

describe('an X report whose category the classifier is unsure of', () => {
  const asked = decideReport(deps, none, facts('1', 'the storm drain on Pine St is clogged, please send someone', false));

  it('is held and asked about, not filed', () => {
    expect(asked.action).toBeUndefined();
    expect(asked.reply).toMatchObject({ kind: 'asked', threadId: '1' });
  });

  it('is filed in the category a reply picks, answered under the first tweet', () => {
    const filed = decideReport(deps, viewAfter(asked), facts('2', '2'));
    expect(filed.action).toMatchObject({
      kind: 'report',
      report: { serviceCode: 'streetlight', text: 'the storm drain on Pine St is clogged, please send someone' },
      options: { threadId: '1' },
    });
    expect(filed.conversation).toBeNull();
  });

  it('waits quietly through "ok thanks!" under the question', () => {
    const thanks = decideReport(deps, viewAfter(asked), facts('2', 'ok thanks!'));
    expect(thanks).toEqual({ reply: { kind: 'not a report', reason: 'thanks' } });
  });

  it('asks once more after an answer in words, then files it for staff rather than ask a third time', () => {
    const again = decideReport(deps, viewAfter(asked), facts('2', 'it is the drain by the school'));
    expect(again.reply).toMatchObject({ kind: 'asked' });
    const filed = decideReport(deps, viewAfter(again), facts('3', 'the one near the corner'));
    expect(filed.action).toMatchObject({ kind: 'report', report: { serviceCode: 'other' } });
  });

  it('stays open when the same author tweets another report the classifier is sure of', () => {
    const other = decideReport(deps, viewAfter(asked), facts('5', 'deep pothole on Elm St, please fix', false));
    expect(other.action).toMatchObject({ kind: 'report', report: { serviceCode: 'pothole' } });
    expect(other).not.toHaveProperty('conversation');
  });

  it('is forgotten after the conversation timeout: "2" is then judged as a tweet of its own', () => {
    const late = decideReport(deps, viewAfter(asked, 31), facts('2', '2'));
    expect(late.action).toBeUndefined();
    expect(late.reply).toMatchObject({ kind: 'not a report' });
  });
});

describe('an X category question left unanswered', () => {
  // The test classifier's only guess for these words is the catch-all; a guess it has is the one filed.
  const asked = decideReport(deps, none, facts('10', 'the storm drain on Pine St is clogged, please send someone', false));
  const withGuess = (view: InboundView<XConversation>): InboundView<XConversation> => {
    const pending = view.conversation!.state.pending!;
    const report = { ...pending.report, suggestions: [{ service_code: 'water-sewer', confidence: 0.42 }] };
    return { conversation: { ...view.conversation!, state: { pending: { ...pending, report } } } };
  };

  it("is filed in the classifier's best real guess, marked so, under the resident's tweet, and the question is closed", () => {
    const filed = decideUnanswered(catalog, withGuess(viewAfter(asked, 31)), '10');
    expect(filed.action).toMatchObject({
      kind: 'report',
      report: { serviceCode: 'water-sewer', details: { category_unanswered: true } },
      options: { threadId: '10' },
    });
    expect(filed.conversation).toBeNull();
  });

  it('falls back to the catch-all when the classifier had no real guess', () => {
    expect(decideUnanswered(catalog, viewAfter(asked, 31), '10').action).toMatchObject({ report: { serviceCode: 'other' } });
  });

  it('files nothing once the question was answered, or asked again under a later reply', () => {
    expect(decideUnanswered(catalog, {}, '10').action).toBeUndefined();
    const again = decideReport(deps, viewAfter(asked), facts('11', 'it is the drain by the school'));
    expect(decideUnanswered(catalog, viewAfter(again, 31), '10').action).toBeUndefined();
  });
});
