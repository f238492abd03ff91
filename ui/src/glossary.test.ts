// One vocabulary (issue 20): no screen or helper of ui/src uses a retired word in what the clerk
// reads. Comments may name the old words (for the history); strings and markup may not.
import { describe, expect, it } from 'vitest';
import { GLOSSARY, SCREEN_NAMES } from './lib/glossary';

const sources = import.meta.glob(['./**/*.svelte', './**/*.ts', '!./**/*.test.ts', '!./lib/bindings/**', '!./lib/glossary.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

/** The file without its comments (markup, block and line comments), lines kept in place. */
function withoutComments(text: string): string {
  const blank = (m: string) => m.replace(/[^\n]/g, ' ');
  return text
    .replace(/<!--[\s\S]*?-->/g, blank)
    .replace(/\/\*[\s\S]*?\*\//g, blank)
    .replace(/(^|\s)\/\/.*$/gm, (m, lead: string) => lead + blank(m.slice(lead.length)));
}

/** Every `file:line: text` where `pattern` occurs outside comments. */
function occurrences(pattern: RegExp): string[] {
  const found: string[] = [];
  for (const [file, text] of Object.entries(sources)) {
    withoutComments(text)
      .split('\n')
      .forEach((line, i) => {
        if (pattern.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
      });
  }
  return found;
}

describe('the glossary', () => {
  it('reads every source of the UI', () => {
    expect(Object.keys(sources)).toContain('./App.svelte');
    expect(Object.keys(sources)).toContain('./screens/Disposal.svelte');
    expect(Object.keys(sources).length).toBeGreaterThan(50);
  });

  it('finds a retired word outside comments, and not inside them', () => {
    expect(withoutComments('<!-- 帳票 -->\n// 区分\nconst a = "帳票"; // 区分')).not.toMatch(/区分/);
    expect(withoutComments('const a = "帳票";')).toMatch(/帳票/);
    expect(withoutComments("fetch('http://x') // 区分")).toMatch(/http:\/\/x/);
  });

  for (const term of Object.values(GLOSSARY)) {
    for (const old of term.retired) {
      it(`says 「${term.word}」, never 「${old}」`, () => {
        expect(occurrences(new RegExp(old))).toEqual([]);
      });
    }
  }

  it('labels every button that leaves a form 「やめる（Esc）」', () => {
    expect(occurrences(/>\s*(やめる|取消|キャンセル)\s*</)).toEqual([]);
  });

  it('names the menu in the glossary words', () => {
    expect(SCREEN_NAMES.disposal).toBe('保存文書・廃棄');
    expect(occurrences(/保存文書/).length).toBeGreaterThan(10);
    expect(occurrences(/記録票/).length).toBeGreaterThan(2);
  });
});
