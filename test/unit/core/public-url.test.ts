import { isPublicUrl, nonPublicUrlReason } from '../../../src/domain/public-url';

describe('public media URLs', () => {
  it.each([
    'https://example.org/photo.jpg',
    'http://photos.city.gov:8080/a.png?x=1',
    'https://8.8.8.8/a.jpg',
    'http://[2001:4860:4860::8888]/a.jpg',
    'https://PHOTOS.Example.org./a.jpg',
  ])('accepts %s', (url) => {
    expect(nonPublicUrlReason(url)).toBeUndefined();
  });

  it.each([
    ['http://127.0.0.1/a', 'loopback'],
    ['http://127.1/a', 'loopback'],
    ['http://2130706433/a', 'loopback'],
    ['http://017700000001/a', 'loopback'],
    ['http://0x7f000001/a', 'loopback'],
    ['http://10.0.0.1/a', 'private'],
    ['http://172.16.5.4/a', 'private'],
    ['http://192.168.1.1/a', 'private'],
    ['http://100.64.0.1/a', 'carrierGradeNat'],
    ['http://169.254.169.254/latest/meta-data/', 'linkLocal'],
    ['http://0.0.0.0/a', 'unspecified'],
    ['http://224.0.0.1/a', 'multicast'],
    ['http://255.255.255.255/a', 'broadcast'],
    ['http://[::1]/a', 'loopback'],
    ['http://[::]/a', 'unspecified'],
    ['http://[fe80::1]/a', 'linkLocal'],
    ['http://[fd00::1]/a', 'uniqueLocal'],
    ['http://[ff02::1]/a', 'multicast'],
    ['http://[::ffff:127.0.0.1]/a', 'loopback'],
    ['http://[::ffff:a9fe:a9fe]/a', 'linkLocal'],
    ['http://[::ffff:10.0.0.1]/a', 'private'],
  ])('refuses %s (%s)', (url, range) => {
    expect(nonPublicUrlReason(url)).toMatch(new RegExp(`^must point to a public host \\(.* is ${range}\\)$`));
  });

  it.each([
    ['http://localhost/a', 'must point to a public host, not localhost'],
    ['http://LOCALHOST./a', 'must point to a public host, not localhost'],
    ['http://api.localhost/a', 'must point to a public host, not localhost'],
    ['http://intranet/a', 'must point to a public host with a full domain name, not "intranet"'],
    ['ftp://example.org/a', 'must be an http(s) URL'],
    ['javascript:alert(1)', 'must be an http(s) URL'],
    ['http://user:pw@example.org/a', 'must not carry a user name or password'],
    ['not a url', 'must not contain spaces or control characters'],
    ['https://example.org/a b.jpg', 'must not contain spaces or control characters'],
    ['https://example.org/\u0000.jpg', 'must not contain spaces or control characters'],
    ['https://exa\nmple.org/a.jpg', 'must not contain spaces or control characters'],
    ['//example.org/a.jpg', 'is not a URL'],
  ])('refuses %s', (url, reason) => {
    expect(nonPublicUrlReason(url)).toBe(reason);
    expect(isPublicUrl(url)).toBe(false);
  });
});
