/**
 * The words of a tweet a person would read as the report: no leading or trailing @mention runs (the
 * addressing), no links, hashtags kept as plain words. Mentions inside the sentence stay: they are words.
 */
export function cleanTweetText(text: string): string {
  return decodeEntities(text)
    .replace(/\bhttps?:\/\/\S+/gi, ' ')
    .replace(/\bpic\.(?:twitter|x)\.com\/\S+/gi, ' ')
    .replace(/^(?:[\s.]*@\w+[\s,:]*)+/, '')
    .replace(/(?:[\s,]*(?:cc:?\s*)?@\w+)+[\s.]*$/i, '')
    .replace(/(^|[^\w&])#(\w+)/g, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

/** v1.1 payloads escape &, < and > in text. */
function decodeEntities(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
