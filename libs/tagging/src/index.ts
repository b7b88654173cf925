export { GeoTagger, type TagInput, type TagResult } from './geo-tagger';
export { sharedGazetteerSnapshot, useGazetteerSnapshot } from './gazetteer-snapshot';
