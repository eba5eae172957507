'use strict';
// open311@0.0.12 loads xml2json 0.2 (a native node-expat build that no longer compiles) at start-up, for its XML mode.
module.exports = {
  toJson() {
    throw new Error('xml2json stub: the open311 client is used in JSON mode only in these tests');
  },
};
