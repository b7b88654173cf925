/**
 * Scores the body extraction over labelled pages (the `eval extraction` command reads them from disk
 * and hands them here). What is scored is what the pipeline publishes: the normalized text.
 */
import { Normalizer } from './normalizer';
import { scoreCorpus, scorePage, type CorpusScore, type PageScore } from './extraction-score';

export interface LabelledPage {
  id: string;
  url: string;
  html: string;
  truth: string;
}

export interface PageEvaluation extends PageScore {
  id: string;
  url: string;
  extractedChars: number;
  truthChars: number;
}

export interface ExtractionEvaluation extends CorpusScore {
  /** per page, worst F1 first */
  byPage: PageEvaluation[];
}

export function evaluateExtraction(
  pages: Iterable<LabelledPage>,
  normalizer: Normalizer = new Normalizer(),
): ExtractionEvaluation {
  const byPage: PageEvaluation[] = [];
  for (const page of pages) {
    const result = normalizer.normalize({ url: page.url, html: page.html });
    const text = result.ok ? result.article.text : '';
    byPage.push({
      id: page.id,
      url: page.url,
      extractedChars: text.length,
      truthChars: page.truth.length,
      ...scorePage(page.truth, text),
    });
  }
  const total = scoreCorpus(byPage);
  byPage.sort((a, b) => a.f1 - b.f1);
  return { ...total, byPage };
}
