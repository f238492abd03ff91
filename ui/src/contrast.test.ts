// @vitest-environment node
// Every text colour of the built stylesheet (what the window loads: app.css and every
// component's <style>, as Vite bundles and minifies them) against the background it is drawn on
// meets WCAG AA (contrast ≥ 4.5:1), greyed and disabled text included (issue 20). A rule's own
// background is used when it sets one; else the background of the region it sits in: the sidebar
// (`nav …`), else both page backgrounds (the grey page and the white cards and tables).
import { beforeAll, describe, expect, it } from 'vitest';
import { build, type Rolldown } from 'vite';

let css = '';

/** Builds the UI in memory, as `npm run build` does (nothing written), and returns its CSS. */
async function builtCss(): Promise<string> {
  const root = decodeURIComponent(new URL('..', import.meta.url).pathname);
  const result = await build({ root, logLevel: 'silent', build: { write: false } });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  return outputs
    .flatMap((o) => o.output)
    .filter((f): f is Rolldown.OutputAsset => f.type === 'asset' && f.fileName.endsWith('.css'))
    .map((f) => (typeof f.source === 'string' ? f.source : new TextDecoder().decode(f.source)))
    .join('\n');
}

beforeAll(async () => {
  css = (await builtCss()).replace(/\/\*[\s\S]*?\*\//g, '');
}, 60_000);

function rgb(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16)) as [number, number, number];
}

function luminance(hex: string): number {
  const [r, g, b] = rgb(hex).map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

const PAGE = ['#f5f7f8', '#ffffff'];
const SIDEBAR = '#1f3a4d';

/** Every rule of the stylesheet with a text colour: (selector, colour, the backgrounds under it). */
function textRules(): { selector: string; color: string; backgrounds: string[] }[] {
  const out = [];
  for (const m of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const selector = m[1]!.trim();
    const body = m[2]!;
    const color = body.match(/(?:^|;|\s)color:\s*(#[0-9a-fA-F]{3,6})/)?.[1];
    if (!color || selector.startsWith('@')) continue;
    const own = body.match(/background(?:-color)?:\s*(#[0-9a-fA-F]{3,6})/)?.[1];
    const backgrounds = own ? [own] : selector.split(',').every((s) => s.trim().startsWith('nav')) ? [SIDEBAR] : PAGE;
    out.push({ selector, color, backgrounds });
  }
  return out;
}

describe('contrast (WCAG AA)', () => {
  it('finds the built stylesheet’s text colours, the components’ among them', () => {
    expect(textRules().length).toBeGreaterThan(20);
    expect(textRules().some((r) => r.selector.includes('.svelte-'))).toBe(true);
  });

  it('gives every text colour at least 4.5:1 against its background', () => {
    const failures = textRules().flatMap(({ selector, color, backgrounds }) =>
      backgrounds
        .map((bg) => ({ bg, ratio: contrast(color, bg) }))
        .filter(({ ratio }) => ratio < 4.5)
        .map(({ bg, ratio }) => `${selector}: ${color} on ${bg} = ${ratio.toFixed(2)}:1`),
    );
    expect(failures).toEqual([]);
  });

  it('dims disabled buttons by colour, not by opacity (which would lower the contrast)', () => {
    const disabled = css.match(/button:disabled\s*\{([^}]*)\}/)?.[1] ?? '';
    expect(disabled).toMatch(/color/);
    expect(disabled).not.toMatch(/opacity/);
  });
});
