/**
 * Place phrases in the grammar of each language around Boston's English street names ("calle Main 45",
 * "kwen Tremont ak Boylston", "Tremont街120号"): found where the English phrase is.
 */
import { createGeocoder } from '../../../src/geo';
import { distanceMeters } from '../../../src/geo/geometry';

const geocoder = createGeocoder();
const best = async (text: string, language?: string) => (await geocoder.forward(text, { language }))[0];

async function expectSamePlace(text: string, english: string, language?: string): Promise<void> {
  const [got, expected] = [await best(text, language), await best(english)];
  expect(expected).toBeDefined();
  expect({ text, address: got?.address }).toEqual({ text, address: expected.address });
  expect(distanceMeters(got, expected)).toBeLessThan(1);
}

describe('forward geocoding: place phrases in other languages', () => {
  it('reads a house number before or after a street word, in any order', async () => {
    await expectSamePlace('bache en la calle Main 45', '45 Main St', 'es');
    await expectSamePlace('buraco no 45 rua Main', '45 Main St', 'pt');
    await expectSamePlace('nid de poule au 45 rue Main', '45 Main St', 'fr');
    await expectSamePlace('ổ gà ở số 45 đường Main', '45 Main St', 'vi');
    await expectSamePlace('яма на улице Main, дом 45', '45 Main St', 'ru');
    await expectSamePlace('حفرة في شارع Main رقم ٤٥', '45 Main St', 'ar');
    await expectSamePlace('twou nan 45 lari Main', '45 Main St', 'ht');
  });

  it('reads crossings with each language’s corner and "and" words', async () => {
    const english = 'corner of Tremont St and Boylston St';
    await expectSamePlace('esquina de Tremont y Boylston', english, 'es');
    await expectSamePlace('kwen Tremont ak Boylston', english, 'ht');
    await expectSamePlace('esquina da Tremont com a Boylston', english, 'pt');
    await expectSamePlace('góc đường Tremont và Boylston', english, 'vi');
    await expectSamePlace('goc duong Tremont va Boylston', english, 'vi');
    await expectSamePlace('угол Tremont и Boylston', english, 'ru');
    await expectSamePlace('زاوية شارع Tremont و Boylston', english, 'ar');
    await expectSamePlace('coin de la rue Tremont et Boylston', english, 'fr');
  });

  it('reads Chinese, with the street type and number after the name and no spaces', async () => {
    await expectSamePlace('Tremont街120号门口有个坑', '120 Tremont St', 'zh-Hans');
    await expectSamePlace('Blue Hill大道300號', '300 Blue Hill Ave', 'zh-Hant');
    await expectSamePlace('Tremont街和Boylston街的路口', 'corner of Tremont St and Boylston St', 'zh-Hans');
    await expectSamePlace('Blue Hill大道與Warren街交叉口', 'corner of Blue Hill Ave and Warren St', 'zh-Hant');
  });

  it('needs no language to be named: an SMS whose language is not known yet is read the same', async () => {
    await expectSamePlace('kwen Tremont ak Boylston', 'corner of Tremont St and Boylston St');
    await expectSamePlace('Tremont街120号', '120 Tremont St');
    await expectSamePlace('угол Tremont и Boylston', 'corner of Tremont St and Boylston St');
  });

  it('reads a number after a suffix as the house number only in another language, or after a number word', async () => {
    await expectSamePlace('Geneva Ave 80 por favor', '80 Geneva Ave', 'es');
    await expectSamePlace('Blue Hill Ave, дом 300', '300 Blue Hill Ave');
    // In English, "Tremont St 2 weeks" is a street and a time, not 2 Tremont St.
    expect((await best('pothole on Tremont St 2 weeks now'))?.kind).toBe('street');
  });

  it('still finds nothing in a sentence in another language that names no place', async () => {
    expect(await geocoder.forward('hay un bache enorme, por favor arreglen', { language: 'es' })).toEqual([]);
    expect(await geocoder.forward('门口有个大坑，请修理', { language: 'zh-Hans' })).toEqual([]);
    expect(await geocoder.forward('на улице большая яма', { language: 'ru' })).toEqual([]);
  });
});
