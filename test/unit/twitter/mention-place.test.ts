import { placeInWords } from '../../../channels/twitter/mention-place';
import { createGeocoder } from '../../../src/geo';
import { placesPort } from '../../../src/geo/places';

// The bundled Boston geocoder. Tweets are our own paraphrases of the kinds residents wrote in 2019.
const places = placesPort(createGeocoder());
const where = (text: string) => placeInWords(places, text, 'en');

describe("X: the place in a tweet's words", () => {
  it.each([
    ['the hoop at the basket ball court is broken again, please fix', 'basket ball court'],
    ['a truck is parked in the travel lane every morning, please ticket', 'travel lane'],
    ['what is the best way to get this pothole fixed?', 'best way'],
    ['trash all over the city street again', 'city street'],
    ['a sign for a one way and Do Not Enter has been on the ground for weeks', 'one way & Do'],
    ['cars are allowed to park. ONE lane at Forest Hills. Fix it.', 'park. ONE lane & Forest Hills'],
  ])('stores no address for words that only look like a street: %s', async (text, words) => {
    expect(await where(text)).toEqual({ notPlace: words });
  });

  it('looks past words that name no place to the place the tweet names', async () => {
    expect(await where('a truck is parked in the travel lane on Congress St every morning')).toEqual({ address: 'Congress St' });
  });

  it('keeps a capitalised name, and a lower-case street the geocoder knows by that name', async () => {
    expect(await where('streetlight out near Sullivan Square')).toEqual({ address: 'Sullivan Square' });
    expect(await where('pothole on lincoln st by the bank')).toEqual({ address: 'lincoln st' });
  });

  it('drops the words swept in before a name, or before a sentence break', async () => {
    expect((await where('a big branch fell Mass Ave is blocked')).address).toBe('Mass Ave');
    expect((await where('the light is out. Boylston Street near the library')).address).toBe('Boylston Street');
  });

  it("places an address the geocoder is sure of, keeping the resident's words", async () => {
    const found = await where('deep pothole in front of 12 Elm St please fix');
    expect(found.place?.address).toMatch(/^12 Elm St, /);
    expect(found.address).toBe('12 Elm St');
  });
});
