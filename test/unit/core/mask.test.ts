import { maskPersonalData } from '../../../src/domain/mask';

// Every public output (pages, Atom, the stream, Open311, X posts) and every log line masks through this one function.
describe('maskPersonalData', () => {
  it.each([
    ['call me at 617-555-0123 please', 'call me at […] please'],
    ['my cell (617) 555 0123', 'my cell […]'],
    ['+1 617 555 0123', '[…]'],
    ['ring 555-0123', 'ring […]'],
    ['mail ana.diaz@example.org today', 'mail […] today'],
    ['@City311 pothole, ask @neighbor_joe', 'pothole, ask […]'],
    // The ways residents wrote their details that the first mask missed.
    ['call six one seven five five five zero one two three', 'call […]'],
    ['text me: seis uno siete, cinco cinco cinco, cero uno dos tres', 'text me: […]'],
    ['cell 617 555 O1OO', 'cell […]'],
    ['cell 617\u2011555\u20110123', 'cell […]'],
    ['cell ６１７５５５０１２３', 'cell […]'],
    ['cell 617/555/0123', 'cell […]'],
    ['cell 617_555_0123', 'cell […]'],
    ['cell 617\u200b555\u200b0123', 'cell […]'],
    ['write jane at example dot com', 'write […]'],
    ['write jane(at)example.com', 'write […]'],
    ['write jane [at] example [dot] org', 'write […]'],
    ['see twitter.com/jane_doe for photos', 'see […] for photos'],
    ['see https://x.com/janedoe', 'see […]'],
  ])('masks %s', (input, output) => expect(maskPersonalData(input)).toBe(output));

  it.each([
    'pothole outside 1200 Main St',
    'same as case #100234',
    'the 5 potholes on Route 9, 02139',
    'one or two potholes at Boston Common',
    'broken light at the corner of Oak St and 5th',
    'meet at the station at 10 o clock',
  ])('leaves %s alone', (text) => expect(maskPersonalData(text)).toBe(text));
});
