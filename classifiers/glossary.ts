/**
 * A small Spanish-to-English glossary of 311 problem words. The training export is English only, so a
 * Spanish report also gets the English words for the problems it names; the Spanish seed corpus alone
 * is too small to carry the model. Keys are accent-free, lowercase (as normalize.ts leaves them).
 */
export const SPANISH_TO_ENGLISH: Record<string, string> = {
  bache: 'pothole', baches: 'pothole', hoyo: 'hole', hoyos: 'hole', hueco: 'hole', agujero: 'hole', pozo: 'hole',
  farola: 'streetlight', farolas: 'streetlight', alumbrado: 'streetlight', luminaria: 'streetlight', poste: 'pole', luz: 'light', luces: 'lights', apagada: 'out', apagado: 'out', oscuro: 'dark',
  grafiti: 'graffiti', grafitis: 'graffiti', pintadas: 'graffiti', pintaron: 'painted', aerosol: 'spray paint',
  basura: 'trash', reciclaje: 'recycling', recoger: 'pickup', recogieron: 'picked up', recoleccion: 'collection', botes: 'bins', bote: 'bin', contenedor: 'bin',
  tiraron: 'dumped', tirado: 'dumped', tirada: 'dumped', tirando: 'dumping', tiradero: 'dumping', colchon: 'mattress', escombros: 'debris', escombro: 'debris', muebles: 'furniture', sofa: 'couch',
  acera: 'sidewalk', banqueta: 'sidewalk', grieta: 'crack', agrietada: 'cracked', levantada: 'raised', rampa: 'ramp', pavimento: 'pavement',
  nieve: 'snow', hielo: 'ice', congelada: 'icy', congelado: 'icy', quitanieves: 'plow', sal: 'salt', resbaloso: 'slippery',
  estacionado: 'parked', estacionados: 'parked', estaciono: 'parked', estacionan: 'parking', estacionamiento: 'parking', parqueado: 'parked', cochera: 'driveway', entrada: 'driveway', doble: 'double', fila: 'parked', bloqueando: 'blocking', tapando: 'blocking',
  abandonado: 'abandoned', abandonada: 'abandoned', placas: 'plates', moverse: 'moved', movido: 'moved', carro: 'car', coche: 'car', camioneta: 'van',
  senal: 'sign', letrero: 'sign', semaforo: 'traffic light', semaforos: 'traffic lights', alto: 'stop',
  arbol: 'tree', arboles: 'trees', rama: 'branch', ramas: 'branches', tocon: 'stump', poda: 'trim', podar: 'trim', seco: 'dead',
  ruido: 'noise', ruidoso: 'loud', musica: 'music', volumen: 'loud', fiesta: 'party', ladra: 'barking', alarma: 'alarm',
  muerto: 'dead', muerta: 'dead', mapache: 'raccoon', gato: 'cat', perro: 'dog', rata: 'rat', ardilla: 'squirrel', venado: 'deer', atropellado: 'roadkill', pajaro: 'bird', paloma: 'pigeon',
  peligroso: 'dangerous', peligrosa: 'dangerous', peligro: 'danger', edificio: 'building', derrumbar: 'collapse', cable: 'wire', cables: 'wires', vacia: 'vacant', vacio: 'vacant', andamio: 'scaffolding',
  agua: 'water', tuberia: 'pipe', fuga: 'leak', drenaje: 'sewer', alcantarilla: 'sewer', coladera: 'catch basin', inunda: 'flooding', inundada: 'flooded', hidrante: 'hydrant',
  parque: 'park', columpio: 'swing', columpios: 'swings', tobogan: 'slide', juegos: 'playground', banos: 'restrooms', cancha: 'court', bebedero: 'fountain', banca: 'bench',
};
