import { createGeocoder } from '../../../src/geo';
import { distanceMeters } from '../../../src/geo/geometry';

// The bundled Boston data. Sentences are our own; the places are real Boston addresses and crossings.
const geocoder = createGeocoder();
const best = async (text: string, options = {}) => (await geocoder.forward(text, options))[0];

describe('forward geocoding: addresses inside a sentence', () => {
  it("finds the address in a resident's sentence and says which one it is", async () => {
    const found = await geocoder.forward('big pothole outside 12 elm st by the T stop');
    expect(found.length).toBeGreaterThan(1);
    expect(found.every((c) => c.address.startsWith('12 Elm St, ') && c.kind === 'address' && c.source === 'local')).toBe(true);
    // Boston has three Elm Streets with a 12: all are offered, none with full confidence.
    expect(found.map((c) => c.neighborhood).sort()).toEqual(expect.arrayContaining(['Charlestown', 'Jamaica Plain']));
    expect(found[0].confidence).toBeLessThan(0.9);
  });

  it('takes the neighborhood or ZIP the text names to choose between streets of the same name', async () => {
    const charlestown = await best("there's a streetlight out at 12 Elm St in Charlestown");
    expect(charlestown).toMatchObject({ address: '12 Elm St, Charlestown 02129', neighborhood: 'Charlestown', kind: 'address' });
    expect(distanceMeters(charlestown, { lat: 42.377227, lon: -71.063934 })).toBeLessThan(5);
    expect(charlestown.confidence).toBeGreaterThan(0.9);
    expect((await best('pothole at 278 centre st jamaica plain')).neighborhood).toBe('Jamaica Plain');
    expect((await best('278 Centre St, 02122')).neighborhood).toBe('Dorchester');
    // Nicknames residents use: JP, Eastie.
    expect((await best('needle on the sidewalk at 12 Elm St JP')).neighborhood).toBe('Jamaica Plain');
    expect((await best('trash bags at 3 Marion St in Eastie')).neighborhood).toBe('East Boston');
    // Only Roxbury's Centre St has a 150 in the data; the resident says Dorchester, so Dorchester's, interpolated, comes first.
    expect(await best('car blocking the driveway at 150 centre st in dorchester')).toMatchObject({ neighborhood: 'Dorchester', interpolated: true });
  });

  it('prefers the reading nearest a known point when the text does not say', async () => {
    const nearJp = await best('12 Elm St', { near: { lat: 42.31, lon: -71.11 } });
    const nearCharlestown = await best('12 Elm St', { near: { lat: 42.378, lon: -71.064 } });
    expect(nearJp.neighborhood).toBe('Jamaica Plain');
    expect(nearCharlestown.neighborhood).toBe('Charlestown');
  });

  it('reads spoken numbers, typos, missing and misspelt suffixes, nicknames and written-out ordinals', async () => {
    expect((await best('twelve elm street in charlestown')).address).toBe('12 Elm St, Charlestown 02129');
    expect((await best('one two five Tremont Street')).address).toMatch(/^125 Tremont St, /);
    expect((await best('huge hole in front of 40 Boylston Stret')).address).toBe('40 Boylston St, Downtown 02116');
    expect((await best('pothole at 60 Tremnot Street')).address).toMatch(/^60 Tremont St, /);
    expect((await best('1200 Comm Ave')).address).toMatch(/^1200 Commonwealth Ave, Allston/);
    expect((await best('graffiti at 50 Mass Ave')).address).toMatch(/^50 Massachusetts Ave, /);
    expect((await best('near 7 west second street')).address).toBe('7 W Second St, South Boston 02127');
  });

  it('interpolates a house number the data lacks between its neighbours on the same street', async () => {
    // Charlestown's Elm St has 29 and 33 but no 31.
    const c = await best('31 Elm St Charlestown');
    expect(c).toMatchObject({ kind: 'address', interpolated: true, neighborhood: 'Charlestown' });
    expect(c.address).toMatch(/^31 Elm St, Charlestown/);
    expect(c.confidence).toBeLessThan((await best('29 Elm St Charlestown')).confidence);
  });

  it('places "the 100 block of X" on that block, and a number the street does not have on the street', async () => {
    expect(await best('the 100 block of Dudley St')).toMatchObject({ kind: 'address', neighborhood: 'Roxbury' });
    expect((await best('the 100 block of Dudley St')).address).toMatch(/^100 block of Dudley St/);
    const street = await best('9999 Tremont St');
    expect(street).toMatchObject({ kind: 'street' });
    expect(street.address).toMatch(/^Tremont St, /);
  });

  it('reads Spanish: "calle X 45", numbers in words, "el 40 de la calle X"', async () => {
    expect((await best('hay un bache en calle Tremont 45')).address).toMatch(/^45 Tremont St, /);
    expect((await best('cuarenta y cinco calle Tremont', { language: 'es' })).address).toMatch(/^45 Tremont St, /);
    expect((await best('Hay un hoyo grande enfrente del 40 de la calle Boylston')).address).toBe('40 Boylston St, Downtown 02116');
    expect(await best('en la calle Centre hay un bache')).toMatchObject({ kind: 'street' });
  });
});

describe('forward geocoding: crossings, streets, landmarks, coordinates', () => {
  const tremontBoylston = { lat: 42.352392, lon: -71.0645 };

  it.each([
    'corner of Tremont and Boylston',
    'trash at Tremont and Boylston streets',
    'Tremont St & Boylston St',
    'hay basura en la esquina de Tremont y Boylston',
  ])('finds the crossing in "%s"', async (text) => {
    const c = await best(text);
    expect(c).toMatchObject({ kind: 'intersection', address: 'Tremont St & Boylston St, Downtown', neighborhood: 'Downtown' });
    expect(distanceMeters(c, tremontBoylston)).toBeLessThan(20);
  });

  it('finds crossings with directionals and ordinals, and one the data lists under neither order', async () => {
    expect((await best('West Broadway and Dorchester St')).address).toMatch(/^W Broadway & Dorchester St/);
    expect((await best('E 2nd St and L St')).address).toMatch(/^E Second St & L St/);
  });

  it('reads a plural suffix for both names without losing the other suffixes, and suffix words that are part of a name', async () => {
    // There is a Crescent St elsewhere in Boston, but the Crescent that meets Moseley St is an avenue.
    expect((await best('ice at the corner of Crescent and Moseley Streets')).address).toBe('Crescent Ave & Moseley St, Dorchester');
    // "Hyde Park" here is Hyde Park Ave (and "park" no suffix of a Hale St or Howe St two letters away).
    expect((await best('hydrant leaking at the corner of walk hill and Hyde Park')).address).toMatch(
      /^Walk Hill St & Hyde Park Ave|^Hyde Park Ave & Walk Hill St/,
    );
    expect((await best('pothole at 278 Center St in Jamaica Plain')).address).toMatch(/^278 Centre St, Jamaica Plain/);
  });

  it("finds a crossing the data never recorded where the two streets' points meet", async () => {
    const c = await best('black ice where Austin Street meets... the intersection of Austin Street and Rutherford Ave');
    expect(c).toMatchObject({ kind: 'intersection', neighborhood: 'Charlestown' });
    expect(c.address).toMatch(/^Austin St & Rutherford Ave/);
    expect(c.confidence).toBeLessThan(0.8);
  });

  it('puts "X between A and B" between the two crossings, not at A and B', async () => {
    const c = await best('sidewalk icy on Tremont St between Boylston St and Stuart St');
    expect(c.address).toMatch(/^Tremont St between Boylston St and Stuart St/);
    expect(distanceMeters(c, tremontBoylston)).toBeLessThan(150);
  });

  it('finds a street named alone, a landmark, and coordinates written in the text', async () => {
    expect(await best('cars parked on Centre Street all day')).toMatchObject({ kind: 'street' });
    expect((await best('potholes on Tremont, again')).address).toMatch(/^Tremont St, /);
    expect(await best('broken swing at Fallon Field')).toMatchObject({ kind: 'landmark', address: 'Fallon Field, Roslindale' });
    expect(await best('it is at 42.3554, -71.0640')).toMatchObject({ kind: 'point', lat: 42.3554, lon: -71.064, neighborhood: 'Beacon Hill' });
  });

  it.each([
    'idk',
    'my house',
    'best way',
    'travel lane',
    'basket ball court',
    "There's a dead rat in the travel lane",
    'I reported this 3 weeks ago',
    'A tree fell',
    'Snow everywhere, nobody shoveled',
    'White van parked for 2 days',
    'the park and green space behind the school',
    'no sé, cerca de mi casa',
    'Hola, la basura no se recogió esta semana',
    'The trash pickup in Boston is a joke',
    'car with Massachusetts plates and a Buick logo',
    '',
  ])('finds nothing in "%s"', async (text) => {
    expect(await geocoder.forward(text)).toEqual([]);
  });

  it('never returns more than the limit, and orders by confidence', async () => {
    const found = await geocoder.forward('12 Elm St', { limit: 2 });
    expect(found).toHaveLength(2);
    expect(found[0].confidence).toBeGreaterThanOrEqual(found[1].confidence);
  });
});

describe('forward geocoding: crossings named with slips', () => {
  it('reads a misspelt name where "corner of" says a crossing is meant, and only there', async () => {
    expect(await best('truck parked on the corner of Telgraph and Mercer')).toMatchObject({
      address: 'Telegraph St & Mercer St, South Boston',
      kind: 'intersection',
    });
    // Without the cue, a misspelt word with no suffix is not taken for a street.
    expect(await best('Telgraph and Mercer')).toBeUndefined();
    expect(await best('cars parked on corner of the street and no traffic can pass')).toBeUndefined();
  });

  it('takes a doubled "and" as the one connector it was meant to be', async () => {
    expect(await best('a truck parks on the corner of Richview and and Hillsdale')).toMatchObject({
      address: 'Richview St & Hillsdale St, Dorchester',
      kind: 'intersection',
    });
  });
});
