/**
 * Core helpers channels may use: the one masking of residents' contact details for public output, the
 * request's language, XML/HTML escaping, and the secret simulated vendors sign with.
 */
export { maskPersonalData } from '../domain/mask';
export { esc } from '../public/html';
export { fill, pickLanguage, strings as publicStrings } from '../public/i18n';
export { authFailures, type Refusal, retryAfterSeconds } from '../rate-limits';
export { simulationSecret } from '../simulation-secret';
