import { requestForm, updateForm } from '../../../connectors/open311/form';
import { parseConnectorsFile } from '../../../src/connectors-contract/config';
import type { ConnectorDelivery } from '../../../src/connectors-contract/connector';

function config(extra: object = {}) {
  const [c] = parseConnectorsFile(
    JSON.stringify({
      connectors: [
        {
          id: 'crm',
          type: 'open311',
          endpoint: 'https://crm.example/v2',
          api_key: 'k1',
          jurisdiction_id: 'city.example',
          service_codes: '*',
          code_map: { pothole: 'PWD-POT' },
          ...extra,
        },
      ],
    }),
  );
  if (c.type !== 'open311') throw new Error('expected an open311 entry');
  return c;
}

const delivery: ConnectorDelivery = {
  eventId: 'intake311-9',
  kind: 'opened',
  occurredAt: '2026-12-01T10:00:00.000Z',
  change: { type: 'opened' },
  case: {
    id: 100001,
    service_code: 'pothole',
    service_name: 'Pothole',
    department: 'Public Works',
    status: 'open',
    description: '',
    lat: 42.35,
    lon: -71.06,
    address: '12 Elm St',
    media_urls: ['https://photos.example.org/a.jpg', 'https://photos.example.org/b.jpg'],
    attributes: { depth: '10cm', lanes: ['left', 'right'] },
    status_notes: null,
    created_at: '2026-12-01T10:00:00.000Z',
    updated_at: '2026-12-01T10:00:00.000Z',
    url: 'https://311.example/cases/100001',
    reporter: { name: 'Ana Maria Lopez', email: 'ana@example.org', phone: '+15550001111' },
  },
};

describe('Open311 connector forms', () => {
  it('sends the mapped code, place, first photo and attributes, and no reporter details unless allowed', () => {
    const form = requestForm(config(), delivery);
    expect(Object.fromEntries(form)).toMatchObject({
      api_key: 'k1',
      jurisdiction_id: 'city.example',
      service_code: 'PWD-POT',
      lat: '42.35',
      long: '-71.06',
      address_string: '12 Elm St',
      description: 'Pothole',
      media_url: 'https://photos.example.org/a.jpg',
      'attribute[depth]': '10cm',
    });
    expect(form.getAll('attribute[lanes][]')).toEqual(['left', 'right']);
    expect(['first_name', 'last_name', 'email', 'phone'].filter((k) => form.has(k))).toEqual([]);
    const allowed = requestForm(config({ send_reporter: true }), delivery);
    expect(Object.fromEntries(allowed)).toMatchObject({
      first_name: 'Ana',
      last_name: 'Maria Lopez',
      email: 'ana@example.org',
      phone: '+15550001111',
    });
  });

  it('sends a close as a CLOSED update carrying our event id and the closing note', () => {
    const closed: ConnectorDelivery = {
      ...delivery,
      kind: 'closed',
      change: { type: 'closed' },
      case: { ...delivery.case, status: 'closed', status_notes: 'Filled' },
    };
    expect(Object.fromEntries(updateForm(config(), closed, 'PWD-77'))).toMatchObject({
      service_request_id: 'PWD-77',
      update_id_ext: 'intake311-9',
      status: 'CLOSED',
      description: 'Filled',
    });
  });
});
