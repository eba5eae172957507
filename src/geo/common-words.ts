/**
 * Street names that are also everyday words. Without a suffix ("12 weeks", "the park and green space") or with
 * only a weak one, such a word is read as a street only when the resident capitalised it, or an intersection
 * word ("corner of") says a street is meant. Names not listed here ("tremont", "boylston") need no such proof.
 */
const WORDS = `
a an the and or of on at in to by for from with my our your his her their this that these those it its here there
day days week weeks month months year years hour hours minute minutes time times night morning today
car cars truck trucks people person house home homes street streets road lane way city town state park school
snow back cross new well middle water station long white old first green bridge winter east business high south hill
call second west field center centre may church silver north summer service power wait third wall salt orange
fountain branch garden court river island child children plant hall mall lawn wood woods common head electric hotel
ridge ford life market spring range banks short board dock brick bay brown surface arrow hospital tennis list
transportation haul beach harbor holiday bird pond arch memorial gates gold rock union ball strong terrace bent
stone star crane fourth sharp cemetery gravel seventh charter mark forest dodge story mountain stadium pleasant
transit sun oak fifth prince walker plain airport village monument cottage granite frontage iron congress friend
national marginal victory border parkway pike cedar lake miles king standard cooper port milk channel bush wharf
courthouse cherry telegraph marine reading temple rose museum ash fort purchase grove seaport terminal industrial
sixth beech fish central broad northern page battery tower guest lark hatch eagle legion emerald sleeper reed joy
glen ward ocean mission brook moon sunset rich bollard haven castle landing maple exchange wave pearl willow grace
railroad pine march elder price breed federal academy powers unity hillside university poplar deer prospect
magazine mechanic crescent science crab porter atlantic eighth ramp commercial main light lights tree trees pole
dead end open close closed free best fair fall clear rest love hope faith peace liberty independence
`;

const COMMON_WORDS = new Set(WORDS.split(/\s+/).filter(Boolean));

/** Whether a street's base words could as well be ordinary words: one listed word, or one or two letters ("A St"). */
export function isCommonBase(base: string[]): boolean {
  return base.length === 1 && (COMMON_WORDS.has(base[0]) || isLetterName(base));
}

/** One or two letters ("A St", "I St"): a name only with its suffix, whatever the capitals say ("I reported..."). */
export function isLetterName(base: string[]): boolean {
  return base.length === 1 && base[0].length <= 2;
}
