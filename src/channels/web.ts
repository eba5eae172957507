/**
 * Core helpers channels may use: the one masking of residents' contact details for public output, the
 * request's language, XML/HTML escaping, and the secret simulated vendors sign with.
 */
export { maskPersonalData } from '../domain/mask';
export { pickLanguage } from '../public/i18n';
export { esc } from '../public/html';
export { simulationSecret } from '../simulation-secret';
export { authFailures, retryAfterSeconds, type Refusal } from '../rate-limits';
