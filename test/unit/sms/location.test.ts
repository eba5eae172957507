import { findAddress, findLocation } from '../../../channels/sms/location';

describe('SMS locations', () => {
  it('finds street addresses and cross streets in a sentence', () => {
    expect(findAddress('big pothole outside 12 Elm St')).toBe('12 Elm St');
    expect(findAddress('graffiti on the wall at 45 Main Street.')).toBe('45 Main Street');
    expect(findAddress('light out at Elm St & Main St')).toBe('Elm St & Main St');
    expect(findAddress('bache frente al 12 de Elm St')).toBe('12 de Elm St');
    expect(findAddress('on the corner of Elm and Main, near the park')).toBe('corner of Elm and Main');
    expect(findAddress('something is broken here')).toBeUndefined();
  });

  it.each([
    ['https://maps.google.com/?q=42.3601,-71.0589', 42.3601, -71.0589],
    ['https://www.google.com/maps/place/Boston+Common/@42.3550,-71.0656,17z', 42.355, -71.0656],
    ['https://www.google.com/maps/search/?api=1&query=42.35,-71.06', 42.35, -71.06],
    ['http://maps.apple.com/?ll=42.3601,-71.0589&q=Dropped%20Pin', 42.3601, -71.0589],
    ['https://maps.apple.com/place?coordinate=42.3601,-71.0589', 42.3601, -71.0589],
    ['my location: 42.36010, -71.05890', 42.3601, -71.0589],
    ['geo:42.3601,-71.0589', 42.3601, -71.0589],
  ])('reads coordinates from %s', (text, lat, lon) => {
    expect(findLocation(text).location).toEqual({ lat, lon });
  });

  it('keeps a short map link it cannot resolve as the address, and ignores impossible coordinates', () => {
    expect(findLocation('here https://maps.app.goo.gl/AbCdEf123')).toEqual({ address: 'https://maps.app.goo.gl/AbCdEf123' });
    expect(findLocation('at 95.1234, 200.5678').location).toBeUndefined();
    expect(findLocation('https://example.com/?q=42.35,-71.06').location).toBeUndefined();
  });
});
