import type { ChannelContext } from '../../src/channels/channel';
import type { Place } from '../../src/channels/port';
import type { Language } from '../../src/domain/classifier';
import { MIN_UNCONFIRMED_CONFIDENCE } from '../../src/domain/place';
import { Open311Error } from './respond';

/**
 * The place of a posted request, looked up once before it is filed: `lat`/`long` give the address there;
 * otherwise `address_string` (or, without it, `address_id`, which apps often fill with the address itself) is
 * geocoded. A place outside the city is refused with 400 naming the field, and no case. Words we cannot place
 * are kept as written for staff, since an app's address may be one the city's data does not hold yet.
 */
export async function locateRequest(
  ctx: ChannelContext,
  request: { location?: { lat: number; lon: number }; address?: string; addressId?: string },
  language: Language,
): Promise<Place | undefined> {
  if (request.location) {
    const place = await ctx.port.places.locate(request.location);
    if (place && !place.inside) throw new Open311Error(400, 'lat and long: the point is outside the city, so it cannot be reported here');
    return place;
  }
  const field = request.address ? 'address_string' : 'address_id';
  const words = request.address ?? request.addressId;
  if (!words) return undefined;
  const place = await ctx.port.places.locate(words, { language });
  if (place && !place.inside) throw new Open311Error(400, `${field}: the address is outside the city, so it cannot be reported here`);
  // An app cannot be asked "did you mean...?": a vague match (a whole street) stays as written, with no point.
  return place && place.confidence >= MIN_UNCONFIRMED_CONFIDENCE ? place : undefined;
}
