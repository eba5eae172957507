/**
 * The shapes of the GeoReport v2 specification's own example documents (wiki.open311.org/GeoReport_v2):
 * which fields each JSON object has and how the XML nests. Values are ours; the names are the spec's.
 */
export const SPEC_SERVICE_FIELDS = ['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group'];

export const SPEC_ATTRIBUTE_FIELDS = ['variable', 'code', 'datatype', 'required', 'datatype_description', 'order', 'description', 'values'];

export const SPEC_REQUEST_FIELDS = [
  'service_request_id',
  'status',
  'status_notes',
  'service_name',
  'service_code',
  'description',
  'agency_responsible',
  'service_notice',
  'requested_datetime',
  'updated_datetime',
  'expected_datetime',
  'address',
  'address_id',
  'zipcode',
  'lat',
  'long',
  'media_url',
];

export const SPEC_DISCOVERY_FIELDS = ['changeset', 'contact', 'key_service', 'endpoints'];
export const SPEC_ENDPOINT_FIELDS = ['specification', 'url', 'changeset', 'type', 'formats'];

/** The element path from the root to the first leaf, as the spec's XML examples nest them. */
export const SPEC_XML_PATHS = {
  services: ['services', 'service', 'service_code'],
  definition: ['service_definition', 'attributes', 'attribute', 'values', 'value', 'key'],
  requests: ['service_requests', 'request', 'service_request_id'],
  errors: ['errors', 'error', 'code'],
  discovery: ['discovery', 'endpoints', 'endpoint', 'formats', 'format'],
};

/** True when `xml` opens the elements of `path` in order, each directly inside the previous one. */
export function nestsAs(xml: string, path: string[]): boolean {
  const pattern = path.map((name) => `<${name}>`).join('\\s*(?:<[a-z_]+(?:/>|>[^<]*</[a-z_]+>)\\s*)*');
  return new RegExp(pattern).test(xml);
}
