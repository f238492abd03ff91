// 「保存する書類」 of a 取得 entry: where the papers acquired are kept — a new 保存文書 made from the
// entry, an existing one of the 台帳 file, or none (data only). The screen part
// (screens/EntryDocument.svelte) edits a DocumentPart; the request takes what it says.
import type { DocumentFromEvent } from './bindings/DocumentFromEvent';
import type { Wire } from './ipc';

/** new: a 保存文書 made from the entry; existing: one already kept; none: 書類を保存しない. */
export type DocumentMode = 'new' | 'existing' | 'none';

export interface DocumentPart {
  mode: DocumentMode;
  /** 特定個人情報ファイル (台帳 NO.) as its select holds it, '' when not chosen. */
  file: string;
  /** 保存期間のルール (its ID as text). */
  rule: string;
  /** The rule was chosen by the clerk (a new 関係事務 no longer replaces it). */
  ruleChosen: boolean;
  /** 保存文書名 ('' = the entry's 内容). */
  name: string;
  /** 基準日 or 年分 as typed ('' = the entry's date, or its 年分). */
  base: string;
  /** The existing 保存文書's ID as text. */
  document: string;
}

export function emptyPart(mode: DocumentMode = 'new'): DocumentPart {
  return { mode, file: '', rule: '', ruleChosen: false, name: '', base: '', document: '' };
}

/** What the entry request carries for the papers: the 台帳 file and the 保存文書 (new or existing). */
export interface DocumentRequest {
  file: number | null;
  document: number | null;
  new_document: Wire<DocumentFromEvent> | null;
}

export function documentRequest(part: DocumentPart): DocumentRequest {
  const file = part.file ? Number(part.file) : null;
  switch (part.mode) {
    case 'new':
      return {
        file,
        document: null,
        new_document: {
          rule: part.rule,
          name: part.name.trim() || null,
          base_date: part.base.trim() || null,
        },
      };
    case 'existing':
      return { file, document: part.document ? Number(part.document) : null, new_document: null };
    case 'none':
      return { file: null, document: null, new_document: null };
  }
}
