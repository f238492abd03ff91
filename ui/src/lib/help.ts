// The words a newcomer does not know, explained once: the 「？」 beside a term shows its text and
// the article it comes from (DOMAIN.md §5–6, the seed 規程). The entries live in
// docs/manual/terms.json, the same file the 操作マニュアル's 用語集 is built from.
import terms from '../../../docs/manual/terms.json';

export interface HelpEntry {
  term: string;
  text: string;
  /** Where the rule comes from. */
  source: string;
}

export const HELP = terms satisfies Record<string, HelpEntry>;

export type HelpKey = keyof typeof HELP;
