import { hostile, type Random } from './random';

/** The field and parameter names the routes read, so fuzzed requests use names that get past the first checks. */
export const QUERY_NAMES = [
  'service_code',
  'status',
  'start_date',
  'end_date',
  'page',
  'page_size',
  'service_request_id',
  'lang',
  'api_key',
  'before',
  'cursor',
  'limit',
  'since',
  'channel',
  'crc_token',
  'jurisdiction_id',
  'id',
  'format',
];
export const TWILIO_FIELDS = [
  'MessageSid',
  'SmsMessageSid',
  'SmsSid',
  'AccountSid',
  'From',
  'To',
  'Body',
  'NumMedia',
  'MediaUrl0',
  'MediaContentType0',
  'MediaUrl1',
  'OptOutType',
  'Latitude',
  'Longitude',
  'MessageStatus',
  'SmsStatus',
  'ErrorCode',
  'CallSid',
  'CallStatus',
  'Digits',
  'SpeechResult',
  'Confidence',
  'RecordingSid',
  'RecordingUrl',
  'RecordingDuration',
  'RecordingStatus',
  'TranscriptionText',
];
export const OPEN311_FIELDS = [
  'service_code',
  'lat',
  'long',
  'address_string',
  'address_id',
  'description',
  'media_url',
  'phone',
  'email',
  'first_name',
  'last_name',
  'device_id',
  'account_id',
  'attribute[pothole_size]',
  'attribute[x]',
  'attribute',
  'jurisdiction_id',
  'api_key',
];
export const STAFF_FIELDS = ['status', 'service_code', 'status_notes', 'closure_media_url', 'duplicate_of', 'text', 'public', 'extra'];
export const TRY_FIELDS = ['from', 'body', 'text', 'input', 'media_url', 'lat', 'lon', 'language', 'handle', 'digits', 'note'];

export const hex = (r: Random, n: number) => Array.from({ length: n }, () => '0123456789abcdef'[r.int(16)]).join('');
/** A small pool of call ids, so that some calls get several steps in. */
export const CALLS = Array.from({ length: 40 }, (_, i) => `CA${String(i).padStart(32, '0')}`);

/** Plausible values per field, so that some requests get deep into handling before a hostile value bites. */
function plausible(r: Random, name: string): string[] {
  switch (name) {
    case 'MessageSid':
    case 'SmsMessageSid':
    case 'SmsSid':
      return [`SM${hex(r, 32)}`];
    case 'CallSid':
      return [r.pick(CALLS)];
    case 'RecordingSid':
      return [`RE${hex(r, 32)}`];
    case 'From':
    case 'To':
    case 'phone':
    case 'from':
      return ['+16175550100', '+16175550101', 'anonymous', '+266696687'];
    case 'Body':
    case 'description':
    case 'SpeechResult':
    case 'TranscriptionText':
    case 'text':
    case 'body':
    case 'input':
      return ['big pothole outside 12 Elm St', 'STOP', 'HELP', 'STATUS 1', 'FOLLOW 1', 'streetlight out on Main St', 'yes', '1'];
    case 'Digits':
    case 'digits':
      return ['1', '2', '3', '#', '12#', '9'];
    case 'NumMedia':
      return ['0', '1', '2', '11'];
    case 'MediaUrl0':
    case 'MediaUrl1':
    case 'media_url':
    case 'RecordingUrl':
    case 'closure_media_url':
      return ['https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1', 'http://10.0.0.1/x.jpg', 'http://localhost/x.jpg'];
    case 'MediaContentType0':
      return ['image/jpeg', 'text/vcard', 'audio/amr'];
    case 'RecordingStatus':
      return ['completed', 'absent', 'failed'];
    case 'CallStatus':
      return ['in-progress', 'completed', 'busy'];
    case 'MessageStatus':
    case 'SmsStatus':
      return ['delivered', 'undelivered', 'failed', 'sent'];
    case 'RecordingDuration':
    case 'Confidence':
    case 'ErrorCode':
      return ['12', '0.93', '30007', '0'];
    case 'service_code':
      return ['pothole', 'streetlight', 'graffiti', 'nope'];
    case 'lat':
    case 'Latitude':
      return ['42.3601', '91', '-90'];
    case 'long':
    case 'lon':
    case 'Longitude':
      return ['-71.0589', '181'];
    case 'status':
      return ['open', 'closed', 'in_progress', 'open,closed'];
    case 'duplicate_of':
      return ['1', '2'];
    default:
      return ['1', 'x'];
  }
}

/** A hostile value for a field, or now and then a plausible one. */
export function value(r: Random, name: string): string {
  return hostile(r, plausible(r, name));
}
