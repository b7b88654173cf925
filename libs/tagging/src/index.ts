export { GeoTagger, type TagInput, type TagResult } from './geo-tagger';
