import { isEmergency as emergency, parseKeyword as parse } from '../../../channels/sms/keywords';
import { locales } from '../../support/locales';

const parseKeyword = (body: string) => parse(body, locales);
const isEmergency = (body: string) => emergency(body, locales);

describe('SMS keywords', () => {
  it.each(['STOP', ' stop ', 'Stop.', 'STOPALL', 'unsubscribe', 'CANCEL', 'end', 'Quit', 'stop all'])('"%s" opts out', (body) => {
    expect(parseKeyword(body)).toEqual({ kind: 'opt_out' });
  });

  it('reads only whole messages as keywords', () => {
    expect(parseKeyword('stop sign knocked down at 4 Elm St')).toBeUndefined();
    expect(parseKeyword('help me the light is out')).toBeUndefined();
  });

  it('knows START/UNSTOP/YES, HELP/INFO/AYUDA, RESET/CANCELAR and the language switches', () => {
    expect(parseKeyword('unstop')).toEqual({ kind: 'opt_in', word: 'unstop' });
    expect(parseKeyword('YES')).toEqual({ kind: 'opt_in', word: 'yes' });
    expect(parseKeyword('Ayuda')).toEqual({ kind: 'help', languages: ['es'] });
    expect(parseKeyword('INFO')).toEqual({ kind: 'help', languages: ['en'] });
    expect(parseKeyword('cancelar')).toEqual({ kind: 'reset', languages: ['es'] });
    expect(parseKeyword('ESPAÑOL')).toEqual({ kind: 'language', language: 'es' });
    expect(parseKeyword('espanol')).toEqual({ kind: 'language', language: 'es' });
    expect(parseKeyword('Inglés')).toEqual({ kind: 'language', language: 'en' });
  });

  it('reads STATUS/ESTADO and FOLLOW/SEGUIR with the case number, however it is written', () => {
    expect(parseKeyword('status 100234')).toEqual({ kind: 'status', caseId: 100234, languages: ['en'] });
    expect(parseKeyword('STATUS #100234')).toEqual({ kind: 'status', caseId: 100234, languages: ['en'] });
    expect(parseKeyword('Estado no. 100234')).toEqual({ kind: 'status', caseId: 100234, languages: ['es'] });
    expect(parseKeyword('seguir 100234')).toEqual({ kind: 'follow', caseId: 100234, languages: ['es'] });
    // A bare status question asks about the resident's newest case.
    expect(parseKeyword('status?')).toEqual({ kind: 'status', languages: ['en'] });
    expect(parseKeyword('Estado')).toEqual({ kind: 'status', languages: ['es'] });
  });

  it.each([
    ['kreyòl', 'ht'],
    ['Kreyol', 'ht'],
    ['português', 'pt'],
    ['中文', 'zh-Hans'],
    ['繁體中文', 'zh-Hant'],
    ['Tiếng Việt', 'vi'],
    ['tieng viet', 'vi'],
    ['русский', 'ru'],
    ['العربية', 'ar'],
    ['Français', 'fr'],
  ])('"%s" switches the conversation to %s', (body, language) => {
    expect(parseKeyword(body)).toEqual({ kind: 'language', language });
  });

  it("reads each language's own HELP, STATUS and FOLLOW words, with the case number", () => {
    expect(parseKeyword('èd')).toEqual({ kind: 'help', languages: ['ht'] });
    expect(parseKeyword('estati 100234')).toEqual({ kind: 'status', caseId: 100234, languages: ['ht'] });
    expect(parseKeyword('状态 100234')).toEqual({ kind: 'status', caseId: 100234, languages: ['zh-Hans'] });
    expect(parseKeyword('狀態100234')).toEqual({ kind: 'status', caseId: 100234, languages: ['zh-Hant'] });
    expect(parseKeyword('theo dõi #100234')).toEqual({ kind: 'follow', caseId: 100234, languages: ['vi'] });
    expect(parseKeyword('Статус 100234')).toEqual({ kind: 'status', caseId: 100234, languages: ['ru'] });
    expect(parseKeyword('حالة 100234')).toEqual({ kind: 'status', caseId: 100234, languages: ['ar'] });
    expect(parseKeyword('suivre 100234')).toEqual({ kind: 'follow', caseId: 100234, languages: ['fr'] });
    expect(parseKeyword('acompanhar 100234')).toEqual({ kind: 'follow', caseId: 100234, languages: ['pt'] });
    // A word two languages share names both; the conversation's language decides between them.
    expect(parseKeyword('privado')).toEqual({ kind: 'private', languages: ['es', 'pt'] });
    expect(parseKeyword('停止')).toEqual({ kind: 'opt_out', language: 'zh-Hans' });
  });

  it("keeps Twilio's own opt-out words as they are, in every language", () => {
    for (const word of ['STOP', 'cancel', 'unsubscribe']) expect(parseKeyword(word)).toEqual({ kind: 'opt_out' });
    expect(parseKeyword('sispann')).toEqual({ kind: 'opt_out', language: 'ht' });
  });

  it.each([
    'there is a fire in the building',
    'I smell gas',
    'gas leak on Elm St',
    'someone is hurt',
    'a man is bleeding',
    'hay fuego',
    'un incendio en la esquina',
    'fuga de gas',
    'hay un herido',
    'wires down and sparking on Elm St',
    'downed power line across the road',
    'car crash at Main and Elm',
    'a kid is trapped in the flooded underpass',
    'cables caídos echando chispas',
    'choque de carro en la esquina',
    'the wires on the pole outside are sparking',
    'hay chispas en los cables de la esquina',
    'the underpass is flooding and people are stuck in their cars',
    'la calle está inundada y hay personas que no pueden salir',
  ])('"%s" is an emergency', (body) => expect(isEmergency(body)).toBe(true));

  it.each([
    'fire hydrant leaking',
    'car parked in the fire lane',
    'pothole at 3 Elm St',
    'the streetlight is out',
    'street light wires exposed at the base',
    'flooded street drain on Elm St',
    'the street floods every storm and people have to walk in the road',
  ])('"%s" is not', (body) => expect(isEmergency(body)).toBe(false));

  it.each([
    'gen dife nan kay la',
    'tem um carro pegando fogo na rua',
    '楼下着火了',
    '樓下著火了',
    'nhà bên cạnh đang cháy',
    'пожар в подъезде',
    'يوجد حريق في المبنى',
    'il y a une voiture en feu devant chez moi',
    'un homme est blessé sur le trottoir',
  ])('"%s" is an emergency in its own language', (body) => {
    expect(isEmergency(body)).toBe(true);
  });

  it.each(['não foi recolhido o lixo', "bouche d'incendie qui fuit rue Elm", 'не горит фонарь', 'chạy xe quá nhanh trên đường', '路灯坏了'])(
    '"%s" is an ordinary report',
    (body) => {
      expect(isEmergency(body)).toBe(false);
    },
  );
});
