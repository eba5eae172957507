/**
 * The word signals "does this tweet open a case?" is decided on, in English and Spanish. Each is a kind of
 * evidence a dispatcher reads, not a phrase of any one city's tweets: a defect ("is out", "not cleared"), a
 * request ("please", "can you send someone"), a question seeking information, the city's own kind of post
 * ("report potholes to @city"), thanks or praise, and sarcasm. The problem nouns come from the city's catalog
 * (its services' names and keywords), so another city's catalog brings its own.
 */

/** Something is wrong with a thing: broken, out, missing, blocked, not cleared, never picked up. */
export const DEFECT = new RegExp(
  [
    String.raw`\b(?:is|are|been|still|went|go(?:ne)?|was|were|lights?|signals?|power)\s+(?:out|down|off|dark|blinking|flashing)\b`,
    String.raw`\b(?:broken|missing|blocked|blocking|block(?:s|ing)? (?:the|a)|damaged|stuck|leaking|overflowing|knocked|fell|fallen|down(?:ed)?|collapsed|clogged|flooded|flooding|sparking|loose|hanging|cracked|caved|sunk|sink ?hole|abandoned|illegally|dumped|dumping|unshoveled|uncleared|unplowed|unsafe|dangerous|hazard(?:ous)?|infestation|idl(?:e|ing)|dead|debris|standing water|untouched|coming out of|pouring out|spewing|smells? like|piled|covered|strewn|all over|in the middle of)\b`,
    String.raw`(?:\b(?:not|never|no one|nobody)|n'?t)\s+(?:\w+\s+){0,2}(?:work(?:ing)?|cleared|shoveled|shovell?ed|plowed|ploughed|picked up|pick(?:ed)? up|collected|fixed|repaired|removed|touched|came|come|showed up|activate[ds]?|turned on)\b`,
    String.raw`\b(?:no|without)\s+(?:\w+\s+)?(?:power|lights?|pickup|pick up|barriers?|sidewalk|walkway|signal|posted permits?|permits?)\b`,
    String.raw`\bstill (?:there|here|broken|out|dark|blocked|open|not|waiting|untouched|unshoveled)\b|\b(?:is|are) back\b(?! on\b)|\bcame back\b(?! on\b)`,
    String.raw`\b(?:missed|skipped)\s+(?:\w+\s+)?(?:pick ?up|collection|trash|recycling)\b`,
    String.raw`\b(?:park|parked|parking|parks|cars|trucks|vehicles)\s+(?:\w+\s+){0,3}(?:in|on|at|across|blocking|in front of)\s+(?:the\s+|a\s+)?(?:bike lane|sidewalk|crosswalk|hydrant|bus stop|driveway|ramp|corner)`,
    String.raw`\b(?:rot[oa]s?|descompuest[oa]s?|apagad[oa]s?|tirad[oa]s?|bloquead[oa]s?|abandonad[oa]s?|peligros[oa]s?|sin (?:luz|recoger)|no (?:funciona|sirve|pasó|recogieron))\b`,
  ].join('|'),
  'iu',
);

/** The tweet asks the city to act: "please", "can you send someone", "needs to be cleared", "when will this be fixed". */
export const REQUEST = new RegExp(
  [
    String.raw`\b(?:please|pls|plz|kindly|asap|por favor)\b`,
    String.raw`\b(?:can|could|would|will) (?:you|someone|somebody|some one|anyone|a crew|the city|this|these|it|they)\b(?! (?:tell|let me know|advise|explain))`,
    String.raw`\b(?:send|sending|get|getting) (?:someone|somebody|a crew|a truck|out)\b`,
    String.raw`\b(?:needs?|need) (?:to be|a|an|some|repair|fixing|attention|cleaning|plowing|shoveling|removed|cleared|fixed|repaved|replaced|enforcement)\b`,
    String.raw`\b(?:when|any plans?) (?:will|to|is|are) (?:this|it|they|these|someone|the)\b`,
    String.raw`\bhow (?:long|many more)\b|\bwhat can (?:be|you|we) do(?:ne)?\b`,
    String.raw`\b(?:fix|remove|clear|clean up|tow|ticket|plow|shovel|repair|replace|reinstall|pick up) (?:this|it|that|these|them|the)\b`,
    String.raw`\b(?:i'?m|we'?re|i am) requesting\b|\bif you could\b`,
    String.raw`\b(?:can|could|will|would) (?:the|this|these|that|those)\b[^.?!]{0,50}\bbe (?:removed|fixed|cleared|replaced|repaired|reinstalled|plowed|ploughed|shoveled|painted|moved|towed|ticketed|cleaned|picked up|looked at|checked)\b`,
  ].join('|'),
  'iu',
);

/** Opens as a question about how things work ("how do I", "is parking enforced", "who do I contact"). */
export const INFO_QUESTION =
  /^(?:hi|hey|hello|yo|so|ok|quick question|question)?[\s,:!-]*(?!what['’]?s up|what is going on)(?:how|what|which|who|whom|where|why|is|are|does|do|did|should|can i|can we|may i|will (?:trash|the|there|they|my|our)|anyone know|any(?:one|body)|does anyone|c[oó]mo|d[oó]nde|cu[aá]ndo|qu[eé]|qui[eé]n)\b/iu;

/**
 * A question about the city's own services or rules, whatever its first word: hours, permit portals, websites, fees,
 * who to contact. A website that is down is not a case for a street crew.
 */
export const SERVICE_INFO =
  /\b(?:permits? portal|website|online|hours|open today|please advise|reimburse\w*|compensat\w*|(?:what|how) (?:do|can|should|would) (?:i|we)|enforced|holiday|tax bills?|fees?|pay (?:my|a|the)|payment|register (?:my|a|for)|apply for|application for|copy of|info(?:rmation)? (?:about|on)|contact (?:for|about)|who (?:do|would|should) (?:i|we|someone) (?:contact|call|notify)|who to (?:contact|call|notify)|(?:get|getting|want|need|apply for|buy|renew) (?:a |my |the |our )?(?:\w+ ){0,2}permits?|am i allowed|are we allowed|is (?:it|this) (?:allowed|legal)|is (?:there|it) (?:free|a fee))\b/iu;

/**
 * The city's kind of post, or anyone's advice about 311: it tells others to report, call or use the app
 * ("If you see a pothole, report it to @city", "Download the app", "Call 3-1-1"). `handle` is the city's account.
 */
export function broadcastPattern(handle: string): RegExp {
  const city = `(?:@${escapeRegExp(handle)}|3-?1-?1)`;
  return new RegExp(
    [
      // Imperative only: "please report potholes to @city", not "this is my third report to 311".
      String.raw`(?:^|[.!?:;]\s*|\b(?:please|kindly|be sure to|don'?t forget to|remember to|help to|you can|you should|always)\s+)(?:report|submit|file|send|tweet)\b[^.!?]{0,60}\b(?:to|through|via|with|using|on) (?:the )?${city}`,
      String.raw`\b(?:by )?using (?:the )?${city}`,
      String.raw`(?:^|[.!?]\s*)(?:report|tweet|send|share) (?:any|all|every)\b[^.!?]{0,60}\bto @\s?\w+`,
      String.raw`\b(?:the |our )${city} app\b|\bdownload (?:it|the app|our app)\b`,
      String.raw`\b(?:let|tell) ${city} know\b`,
      String.raw`\b(?:call|dial|use|utili[sz]e|download|contact|reach|try) (?:the )?${city}`,
      String.raw`\b(?:if|when|whenever) you (?:see|notice|spot|have|find)\b`,
      String.raw`\b(?:put|submit|file) (?:in )?a (?:request|report|ticket)\b`,
      String.raw`\b(?:thanks for reaching out|reach out to|we'?ve notified|we checked with|our (?:crews?|teams?)|crews (?:are|were) (?:out|working))\b`,
      String.raw`\b(?:happy|feliz) #?\w*311\w*(?:day)?\b|#311day\b`,
    ].join('|'),
    'iu',
  );
}

/** Thanks, praise and good news, with the words that only carry them ("thank you so much!", "great job guys"). */
export const PRAISE =
  /\b(?:thanks?|thank (?:you|u)|thx|ty|tysm|gracias|great (?:job|work|service)|good (?:job|work|news)|nice (?:job|work)|well done|awesome|amazing|you rock|kudos|appreciat\w*|worked hard|bravo|excellent|grateful|shout ?out|love (?:it|you|this|that)|helpful|so responsive|thrilled|glad to see|happy to see|thanks? for|thank (?:you|u) for|buen trabajo|excelente)\b|[👍🙏👏❤💯🎉]/iu;

/**
 * What is left of a tweet once thanks and courtesies are taken out: a message that is nothing else ("Thank you
 * @city for fixing this!", "you guys are great") opens no case, but "light out on Elm St. Thanks!" still does.
 */
export const COURTESY =
  /\b(?:thanks?(?: (?:so|very) much| again| a lot| in advance)?(?! for)|thank (?:you|u)(?: (?:so|very) much| again| all)?(?! for)|thx|ty|tysm|gracias|muchas gracias|appreciated?|i appreciate it|much appreciated|cheers|sincerely|best|regards|have a (?:good|great|nice) (?:day|one|night))\b[\s!.,]*/giu;

/**
 * Sarcasm and rhetorical scorn: the eye roll, "great job" next to a complaint, "tax dollars at work", "cool."
 * A sarcastic tweet may describe a real problem, but it is aimed at the city, not asking it; a dispatcher
 * answers it, not files it.
 */
export const SARCASM =
  /🙄|🤦|😒|\b(?:tax dollars (?:hard )?at work|hard at work|great (?:job|service|work) [^.!?]{0,40}(?:guys|again|🙄)|(?:sure|yeah|oh),? (?:let'?s|great|right)|thanks for nothing|what a joke|good luck with that|so much for|ever heard of|love how|nice one|cool\.|wow\.|smh|wtf|lol|lmao|ha+h+a+)\b/iu;

/**
 * Things in public space a report is about, beyond any one catalog's words: the street furniture, hazards and pests
 * a dispatcher recognises ("manhole cover", "crosswalk", "needles", "rats").
 */
export const PUBLIC_THINGS =
  /\b(?:crosswalks?|cross ?walks?|bike lanes?|bike paths?|manholes?|manhole covers?|grates?|storm drains?|drains?|catch basins?|hydrants?|needles?|syringes?|sharps|debris|glass|scaffold(?:ing|s)?|barriers?|fences?|bus stops?|bus shelters?|benches?|curb ramps?|ramps?|lamp ?posts?|light poles?|utility poles?|poles?|wires?|walk signals?|pedestrian signals?|stop ?lights?|traffic lights?|snow ?banks?|rats?|mice|mouse|rodents?|pests?|sink ?holes?|puddles?|leaks?|smoke|odou?r|smell|dumpsters?|trash|trash cans?|barrels?|cruces? peatonal(?:es)?|jeringas?|escombros?|ratas?|ratones?)\b/iu;

/** A place named after a locative word with a capital: "on the Esplanade", "at Cassidy Park", "near Ruggles". */
export const LOCATIVE =
  /\b(?:on|at|in|near|outside|along|across from|in front of|next to|behind|by|between|en|frente a|cerca de)\s+(?:the\s+|la\s+|el\s+)?(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Twitter|I)\b)[A-Z][\p{L}'’]+/u;

/**
 * Talk about earlier reports and how 311 handled them ("I've submitted a report 3 times", "you closed my case",
 * "already reported it"): a complaint or a follow-up, not a new problem, unless it also asks for something.
 */
export const ABOUT_REPORTS =
  /\b(?:(?:submitted|filed|opened|made|put in|sent) (?:a|an|my|the|\d+|several|multiple) (?:\w+ )?(?:reports?|requests?|tickets?|cases?|complaints?)|(?:clos(?:e|ed|es|ing)) (?:the |my |our |a |these )?(?:\w+ )?(?:cases?|tickets?|reports?|requests?|claims?)|my (?:311 )?(?:tickets?|reports?|cases?|requests?|claims?)|already reported|multiple reports|no action|hasn'?t (?:taken|done) any|reported (?:this|it) (?:\w+ )?(?:times|ago))\b/iu;

/**
 * How long it has lasted: "for 3 weeks", "since Sunday", "every night". Not a problem by itself, but with one named
 * it is the resident describing it, not musing about it.
 */
export const PERSISTENCE =
  /\b(?:for (?:over |more than |almost |about )?(?:\d+|a|two|three|several|many|weeks|days|months)\s*(?:\+\s*)?(?:minutes?|hours?|days?|weeks?|months?|years?)?|since (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last|the|\d)|every (?:night|day|morning|week|storm|time)|all (?:day|night|week))\b/iu;

/**
 * Good news about a problem already dealt with: "crews came out and cleared it", "thanks for fixing this", "the hawk
 * was rescued". Not a report, unless a contrast follows ("...but the other one is still out").
 */
export const RESOLVED =
  /\b(?:came out|showed up|(?:was|were|got|been|is|are) (?:now )?(?:fixed|cleared|removed|repaired|filled|picked up|rescued|replaced|taken care of)|thanks? (?:you )?for (?:fixing|clearing|removing|getting|sending|taking care|repairing|filling)|fixed (?:it|this|that)|took care of|all (?:fixed|clear)|back on)\b/iu;

/** "Thanks, but it's still broken": a contrast turns a thank-you into a complaint. */
export const CONTRAST = /\b(?:but|however|although|though|yet|pero|sin embargo)\b/iu;

/**
 * A conversational opening ("Agree but...", "Yes, I've found...", "Same here"): a reply to someone else's tweet,
 * chatter unless it also asks the city for something.
 */
export const CHATTER_OPENING =
  /^(?:agree[ds]?|i agree|yes|yeah|yep|no,|nope|exactly|same|true|right\b|lol|haha|i think|also|and |but |ok so|well,|ditto|\+1)/iu;

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A place-like cue in the words themselves, whether or not the geocoder knows it: a house number and a street
 * ("57 Broad Street"), a named street, square, station or park ("Morton street", "Hynes Field"), a crossing ("Tremont
 * and Upton", "Charles x Boylston") or "corner of".
 */
export const STREET_CUE = (() => {
  // A kind of street, with or without its capital ("Street", "street", "St"); the names need theirs.
  const kind = (words: string) =>
    words
      .split('|')
      .map((w) => `[${w[0].toUpperCase()}${w[0]}]${w.slice(1)}`)
      .join('|');
  const street = kind(
    'st|street|ave|avenue|rd|road|blvd|boulevard|way|pl|place|ct|court|ter|terrace|dr|drive|sq|square|pkwy|parkway|hwy|highway|ln|lane',
  );
  const named = kind(
    'st|street|ave|avenue|rd|road|blvd|boulevard|sq|square|hwy|highway|pkwy|parkway|park|station|playground|field|beach|bridge|path|plaza',
  );
  const name = String.raw`[A-Z][\p{L}'’]+`;
  return new RegExp(
    [
      String.raw`\b\d{1,5}\s+${name}(?:\s+${name})?\s+(?:${street})\b`,
      String.raw`\b${name}\s+(?:${named})\b`,
      String.raw`\b${name}\.?\s+(?:and|&|x|\/|@)\s+${name}`,
      String.raw`\b(?:[Cc]orner of|[Ii]ntersection of|[Ee]squina de)\b`,
    ].join('|'),
    'u',
  );
})();

/** A way to get a problem dealt with asked as a question: "how do I get this fixed", "who can I call to have it picked up". */
export const HOW_TO_GET_IT_DONE =
  /\b(?:how (?:do|can|would|should) (?:i|we) (?:get|report|go about|have|request)|who (?:can|do|should) (?:i|we) (?:call|contact|ask) to|how do (?:i|we) get (?:\w+ ){0,3}to)\b/iu;

/** The tweet points at something shown ("this pothole", "these cars", "look at this"), as with a photo. */
export const DEICTIC =
  /\b(?:this|these|those)\s+(?!(?:is|was|are|morning|week|weekend|year|time|evening|afternoon|winter|summer|month|city|app|account|service)\b)[\p{L}]+|\blook at (?:this|that|these)\b/iu;
