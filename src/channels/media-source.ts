/**
 * How to fetch a media URL a channel received: the provider's media host may need the account's credentials
 * (Twilio's MMS media), which only the channel and its vendor module know. The core does the fetching itself,
 * with its limits; a channel only says how to ask.
 */
export interface MediaFetchPlan {
  /** Where to fetch (the provider URL, rebased onto a configured API base URL). */
  url: string;
  /** Headers for this URL's own origin only (Authorization); never sent to a host a redirect leads to. */
  headers: Record<string, string>;
  /**
   * True when the origin is the provider's own, named by configuration (e.g. TWILIO_API_BASE_URL), so it is fetched
   * without the public-address check. Redirect hops to other hosts are always checked.
   */
  trustedOrigin: boolean;
}

/** A channel's capability: a plan for the URLs it knows, undefined for any other (then fetched as an untrusted URL). */
export interface MediaSource {
  plan(url: string): MediaFetchPlan | undefined;
}
