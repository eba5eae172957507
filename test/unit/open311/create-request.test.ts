import { parseNewRequest } from '../../../channels/open311/create-request';
import { Catalog } from '../../../src/catalog/catalog';

// A catalog with the attribute kinds the bundled one lacks: required, multivaluelist, number.
const catalog = new Catalog(
  'Test city',
  [
    {
      service_code: 'bins',
      name: { en: 'Bins', es: 'Contenedores' },
      department: 'Sanitation',
      group: 'Sanitation',
      keywords: [],
      attributes: [
        { code: 'count', datatype: 'number', required: true, description: { en: 'How many?', es: '¿Cuántos?' } },
        {
          code: 'kinds',
          datatype: 'multivaluelist',
          required: false,
          description: { en: 'Which?', es: '¿Cuáles?' },
          values: [
            { key: 'trash', name: { en: 'Trash', es: 'Basura' } },
            { key: 'recycling', name: { en: 'Recycling', es: 'Reciclaje' } },
          ],
        },
      ],
    },
  ],
  'bins',
);

const base = { service_code: 'bins', address_string: '1 Main St' };

describe('parseNewRequest', () => {
  it('requires a required attribute, naming it', () => {
    expect(() => parseNewRequest(base, catalog)).toThrow('attribute[count] is required for service_code "bins"');
  });

  it('checks numbers and takes several values of a multivaluelist', () => {
    expect(() => parseNewRequest({ ...base, attribute: { count: 'three' } }, catalog)).toThrow('attribute[count] "three" must be a number');
    const r = parseNewRequest({ ...base, attribute: { count: '3', kinds: ['trash', 'recycling'] } }, catalog);
    expect(r.attributes).toEqual({ count: '3', kinds: ['trash', 'recycling'] });
    expect(() => parseNewRequest({ ...base, attribute: { count: '3', kinds: ['trash', 'glass'] } }, catalog)).toThrow(
      'attribute[kinds] "glass" is not one of its values (trash, recycling)',
    );
  });

  it('accepts flat JSON keys attribute[code] and attribute[code][]', () => {
    const r = parseNewRequest({ ...base, 'attribute[count]': 2, 'attribute[kinds][]': ['trash'] }, catalog);
    expect(r.attributes).toEqual({ count: '2', kinds: ['trash'] });
  });

  it('keeps contact fields and normalises the phone for SMS', () => {
    const r = parseNewRequest({ ...base, attribute: { count: '1' }, phone: '617.555.0123', email: 'a@b.org', first_name: 'A' }, catalog);
    expect(r.phone).toBe('+16175550123');
    expect(r.contact).toMatchObject({ email: 'a@b.org', first_name: 'A' });
  });
});
