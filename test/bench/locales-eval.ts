/**
 * Locales, measured: npm run eval:locales (after npm run build).
 *
 * Per enabled locale: how many strings it has; the SMS replies' encoding and segments with ordinary values (a short
 * category, a 7-digit number, "12 Elm St, Dorchester", CITY_NAME Boston) and in the worst case (the longest category,
 * a long address and a 40-character city name); and first-message detection on short test sentences written for this
 * script (our own words, none from residents), among all shipped languages.
 */
import { messages, type SmsMessages } from '../../channels/sms/messages';
import { loadCatalog } from '../../src/catalog/catalog';
import type { Texts } from '../../src/domain/locale';
import { loadLocales, localeDetector } from '../../src/i18n';
import { smsSize } from '../../vendors/twilio/segments';

const SENTENCES: Record<string, string[]> = {
  en: [
    'pothole on my street',
    'the streetlight is out again',
    'trash was not picked up on Elm St',
    'car blocking my driveway since monday',
    'dead raccoon in the road',
    'graffiti on the bridge',
  ],
  es: [
    'hay un bache en mi calle',
    'la luz de la calle no prende',
    'no recogieron la basura',
    'un carro abandonado frente a mi casa',
    'hay un perro muerto en la esquina',
    'grafiti en la pared del parque',
  ],
  ht: [
    'gen yon gwo twou nan lari a',
    'limyè lari a etenn depi 3 jou',
    'yo poko ranmase fatra a',
    'gen yon machin abandone devan kay mwen',
    'gen yon chen mouri nan lari a',
    'pye bwa a kraze sou twotwa a',
  ],
  pt: [
    'tem um buraco na minha rua',
    'o poste de luz está apagado',
    'o lixo não foi recolhido esta semana',
    'tem um carro abandonado na frente da minha casa',
    'um cachorro morto na calçada',
    'a árvore caiu na rua',
  ],
  'zh-Hans': ['路灯坏了', '这里的垃圾没有人收', '门前有一个大坑', '有车挡住了车道', '公园里的树倒了', '街上很吵'],
  'zh-Hant': ['路燈壞了', '這裡的垃圾沒有人收', '門前有一個大坑', '有車擋住了車道', '公園裡的樹倒了', '街上很吵鬧，請處理'],
  vi: [
    'đèn đường bị hư',
    'rác chưa được thu gom',
    'có ổ gà lớn trước nhà tôi',
    'xe đậu chắn lối vào',
    'rac chua duoc thu gom truoc nha toi',
    'cây ngã trên đường',
  ],
  ru: ['не горит фонарь', 'большая яма на дороге', 'мусор не вывезли', 'машина перегородила въезд', 'дерево упало на тротуар', 'шум всю ночь'],
  ar: ['حفرة في الشارع', 'إنارة الشارع معطلة', 'لم تُجمع القمامة', 'سيارة متروكة أمام البيت', 'شجرة سقطت على الرصيف', 'إزعاج طوال الليل'],
  fr: [
    'il y a un trou dans la rue',
    'le lampadaire est éteint',
    'les poubelles ne sont pas ramassées',
    'une voiture bloque mon entrée',
    'un arbre est tombé sur le trottoir',
    'du bruit toute la nuit devant chez moi',
  ],
};

function count(texts: Texts): number {
  return Object.values(texts).reduce((n, v) => n + (typeof v === 'string' ? 1 : count(v)), 0);
}

function replies(m: SmsMessages, name: string, four: string[], address: string): string[] {
  const fixed = Object.values(m).filter((v): v is string => typeof v === 'string');
  const id = 1234567;
  return [
    ...fixed,
    m.confirm(name),
    m.confirmRetry(name),
    m.choose(four),
    m.chooseRetry(four),
    m.created(id, name),
    m.linked(id, name),
    m.photoAdded(id),
    m.detailAdded(id),
    m.status(id, name, 'in_progress', null),
    m.statusUnknown(id),
    m.followed(id, name),
    m.followUnknown(id),
    m.madePrivate(id),
    m.confirmPlace(address),
    m.confirmPlaceRetry(address),
  ];
}

const locales = loadLocales();
const catalog = loadCatalog(undefined, locales);
const detect = localeDetector(locales);
console.log('locale    strings  SMS replies  UCS-2  1 segment (ordinary)  max segments (worst)  detection');
let right = 0;
let total = 0;
for (const code of locales.codes) {
  const four = ['pothole', 'streetlight', 'graffiti', 'other'].map((c) => catalog.name(c, code));
  const ordinary = replies(messages(locales, code, { name: 'Boston', phone: '311' }), catalog.name('pothole', code), four, '12 Elm St, Dorchester');
  const longest = catalog
    .codes()
    .map((c) => catalog.name(c, code))
    .sort((a, b) => b.length - a.length)[0];
  const worst = replies(
    messages(locales, code, { name: 'Sample City of North Springfield Heights', phone: '+1 (217) 555-0100' }),
    longest,
    four,
    '1234 Commonwealth Ave, Allston/Brighton',
  );
  const sizes = ordinary.map(smsSize);
  const one = sizes.filter((s) => s.segments === 1).length;
  const ucs2 = sizes.filter((s) => s.encoding === 'UCS-2').length;
  const max = Math.max(...worst.map((t) => smsSize(t).segments));
  const sentences = SENTENCES[code] ?? [];
  const hits = sentences.filter((s) => detect(s) === code).length;
  right += hits;
  total += sentences.length;
  const file = locales.files.find((f) => f.code === code)!;
  console.log(
    `${code.padEnd(9)} ${String(count(file.texts)).padStart(7)}  ${String(sizes.length).padStart(11)}  ${String(ucs2).padStart(5)}  ${`${one}/${sizes.length}`.padStart(20)}  ${String(max).padStart(20)}  ${hits}/${sentences.length}`,
  );
}
console.log(`detection overall: ${right}/${total} (${((100 * right) / Math.max(total, 1)).toFixed(1)}%)`);
