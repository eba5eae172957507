import { isEmergency, parseKeyword } from '../../../channels/sms/keywords';

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
    expect(parseKeyword('Ayuda')).toEqual({ kind: 'help', language: 'es' });
    expect(parseKeyword('INFO')).toEqual({ kind: 'help', language: undefined });
    expect(parseKeyword('cancelar')).toEqual({ kind: 'reset', language: 'es' });
    expect(parseKeyword('ESPAÑOL')).toEqual({ kind: 'language', language: 'es' });
    expect(parseKeyword('espanol')).toEqual({ kind: 'language', language: 'es' });
    expect(parseKeyword('Inglés')).toEqual({ kind: 'language', language: 'en' });
  });

  it('reads STATUS/ESTADO and FOLLOW/SEGUIR with the case number, however it is written', () => {
    expect(parseKeyword('status 100234')).toEqual({ kind: 'status', caseId: 100234, language: 'en' });
    expect(parseKeyword('STATUS #100234')).toEqual({ kind: 'status', caseId: 100234, language: 'en' });
    expect(parseKeyword('Estado no. 100234')).toEqual({ kind: 'status', caseId: 100234, language: 'es' });
    expect(parseKeyword('seguir 100234')).toEqual({ kind: 'follow', caseId: 100234, language: 'es' });
    // A bare status question asks about the resident's newest case.
    expect(parseKeyword('status?')).toEqual({ kind: 'status', language: 'en' });
    expect(parseKeyword('Estado')).toEqual({ kind: 'status', language: 'es' });
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
});
