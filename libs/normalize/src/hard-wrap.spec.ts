import { Normalizer } from './normalizer';

const normalizer = new Normalizer();
const bodyOf = (text: string) => {
  const result = normalizer.normalize({ url: 'https://wire.example/story', title: 'Oil loan', text });
  if (!result.ok) throw new Error(result.message);
  return result.article.paragraphs;
};

// Wire copy wrapped at ~65 columns, paragraphs indented (the layout of Reuters-21578).
const WIRE = [
  'Caracas, march 11 - venezuela will supply ecuador with an',
  'as yet undetermined amount of crude oil to help it meet export',
  "commitments, seriously affected by last week's earthquake,",
  'energy and mines minister arturo hernandez grisanti said.',
  '    He gave few details about the deal, but said a crude oil',
  'loan agreement will be made between the two state oil companies',
  'of the countries, the minister told reporters in the capital.',
].join('\n');

describe('hard-wrapped text', () => {
  it('rejoins wrapped lines into their paragraphs, split at the indents', () => {
    expect(bodyOf(WIRE)).toEqual([
      'Caracas, march 11 - venezuela will supply ecuador with an as yet undetermined amount of crude oil to help ' +
        "it meet export commitments, seriously affected by last week's earthquake, energy and mines minister " +
        'arturo hernandez grisanti said.',
      'He gave few details about the deal, but said a crude oil loan agreement will be made between the two ' +
        'state oil companies of the countries, the minister told reporters in the capital.',
    ]);
  });

  it('without indents, ends a paragraph at a short line that ends a sentence', () => {
    const text = WIRE.replace('    He', 'He').replace(
      'energy and mines minister arturo hernandez grisanti said.',
      'the minister said.',
    );
    expect(bodyOf(text)).toHaveLength(2);
  });

  it('keeps one paragraph per line where lines are sentences of a page', () => {
    const text = [
      'The minister arrived in Caracas on Tuesday for talks on oil supplies.',
      'Officials said the meeting would last two days.',
      'A statement is expected on Thursday after the talks end.',
      'Oil accounts for most of the export income of both countries.',
    ].join('\n');
    expect(bodyOf(text)).toHaveLength(4);
  });
});
