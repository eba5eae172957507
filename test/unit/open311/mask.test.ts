import { maskPersonalData } from '../../../src/public/mask';

// The Open311 GET API publishes descriptions through this mask, as the public pages do.
describe('maskPersonalData', () => {
  it.each([
    ['call me at 617-555-0123 please', 'call me at […] please'],
    ['my cell (617) 555 0123', 'my cell […]'],
    ['+1 617 555 0123', '[…]'],
    ['ring 555-0123', 'ring […]'],
    ['mail ana.diaz@example.org today', 'mail […] today'],
    ['@City311 pothole, ask @neighbor_joe', 'pothole, ask […]'],
  ])('masks %s', (input, output) => expect(maskPersonalData(input)).toBe(output));

  it.each(['pothole outside 1200 Main St', 'same as case #100234', 'the 5 potholes on Route 9, 02139'])('leaves %s alone', (text) =>
    expect(maskPersonalData(text)).toBe(text),
  );
});
