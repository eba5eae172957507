import { esc } from '../public/html';
import type { SimulatedChannel } from './availability';

/** The pane's frame: its id is the simulator's slug, and the page's scripts find it by its style and channel. */
function frame(c: SimulatedChannel, body: string): string {
  const s = esc(c.simulator.slug);
  return `  <section id="${s}" class="pane" data-style="${c.simulator.style}" data-channel="${esc(c.name)}" aria-labelledby="${s}-title">
    <h2 id="${s}-title">${esc(c.simulator.words.title)}</h2>
    <p class="notice" data-notice hidden></p>
${body}
  </section>
`;
}

function conversationPane(c: SimulatedChannel): string {
  const s = esc(c.simulator.slug);
  return frame(
    c,
    `    <div class="phone">
      <div class="phone-bar">To <span data-city>${esc(c.profile.city.address)}</span></div>
      <ol class="thread" id="${s}-thread" aria-live="polite"></ol>
      <form id="${s}-form" class="composer">
        <label class="sr" for="${s}-body">Message</label>
        <textarea id="${s}-body" name="body" rows="2" maxlength="${c.simulator.maxLength}" placeholder="e.g. ${esc(c.simulator.words.example)}"></textarea>
        <details><summary>Attach a photo</summary>
          <label for="${s}-media">Photo URL</label>
          <input id="${s}-media" name="media" type="url" placeholder="https://example.org/pothole.jpg">
        </details>
        <button type="submit">Send</button>
      </form>
    </div>
    <p class="who">Your phone: <input id="${s}-from" class="addr" inputmode="tel" aria-label="Your phone number"> <button type="button" class="link" data-new-address="${s}">new resident</button></p>`,
  );
}

function callPane(c: SimulatedChannel): string {
  const s = esc(c.simulator.slug);
  return frame(
    c,
    `    <div class="phone">
      <div class="phone-bar">Call <span data-city>${esc(c.profile.city.address)}</span> <span id="${s}-state" class="state">idle</span></div>
      <ol class="thread" id="${s}-thread" aria-live="polite"></ol>
      <div class="call-controls">
        <button type="button" id="${s}-call" class="call">Call</button>
        <button type="button" id="${s}-hangup" class="hangup" disabled>Hang up</button>
      </div>
      <div class="keypad" id="${s}-keypad" role="group" aria-label="Keypad">
        <output id="${s}-digits" aria-label="Keys pressed"></output>
        <div class="keys"></div>
        <button type="button" id="${s}-send-digits" disabled>Send keys</button>
      </div>
      <form id="${s}-speech" class="composer">
        <label class="said" for="${s}-said">What you say</label>
        <input id="${s}-said" name="said" autocomplete="off" maxlength="${c.simulator.maxLength}" placeholder="e.g. ${esc(c.simulator.words.example)}" data-example="e.g. ${esc(c.simulator.words.example)}" disabled>
        <button type="submit" disabled>Say</button>
        <button type="button" id="${s}-silence" class="link" disabled>stay silent</button>
      </form>
    </div>
    <p class="who">Your phone: <input id="${s}-from" class="addr" inputmode="tel" aria-label="Your phone number for calls"> <button type="button" class="link" data-new-address="${s}">new resident</button></p>`,
  );
}

function postPane(c: SimulatedChannel): string {
  const s = esc(c.simulator.slug);
  // Room for the mention of the city, which the simulator adds when the post lacks it.
  const max = c.simulator.maxLength - c.profile.city.address.length - 1;
  return frame(
    c,
    `    <div class="phone">
      <div class="phone-bar">Mention <span data-city>${esc(c.profile.city.address)}</span></div>
      <ol class="thread" id="${s}-thread" aria-live="polite"></ol>
      <form id="${s}-form" class="composer">
        <label class="sr" for="${s}-text">${esc(c.simulator.words.title)}</label>
        <textarea id="${s}-text" name="text" rows="2" maxlength="${max}" placeholder="e.g. ${esc(c.simulator.words.example)}"></textarea>
        <label class="inline"><input type="checkbox" id="${s}-reply"> reply in the city's thread</label>
        <button type="submit">${esc(c.simulator.words.title)}</button>
      </form>
    </div>
    <p class="who">You are <span id="${s}-who"></span> <button type="button" class="link" data-new-address="${s}">new resident</button></p>`,
  );
}

const PANES = { conversation: conversationPane, call: callPane, post: postPane };

/** The HTML of one simulated channel's pane, laid out for its simulator's style. */
export function paneHtml(c: SimulatedChannel): string {
  return PANES[c.simulator.style](c);
}

/** The page navigation's link to the pane. */
export function paneLink(c: SimulatedChannel): string {
  return `<a href="#${esc(c.simulator.slug)}">${esc(c.simulator.words.nav)}</a>`;
}
