/**
 * Where a message must fit, measured the way the channel's provider measures (SMS segments, X's weighted
 * length). A channel provides its budget (ChannelModule.textBudget); the core only asks it.
 */
export interface TextBudget {
  /** Turns text into what the channel will carry (e.g. plain quotes for SMS). */
  prepare(text: string): string;
  fits(text: string): boolean;
}

/** What a channel that declares no budget takes: plain characters, counted one each. */
const DEFAULT_MAX_CHARACTERS = 1000;

/** A budget of at most `maxCharacters` characters (UTF-16 code units), with text carried as it is. */
export function characterBudget(maxCharacters = DEFAULT_MAX_CHARACTERS): TextBudget {
  return { prepare: (text) => text, fits: (text) => text.length <= maxCharacters };
}
