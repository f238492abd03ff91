import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import HelpTip from './HelpTip.svelte';
import { HELP } from './help';

describe('「？」 beside a term', () => {
  it('shows the term’s explanation with its source, and closes again', async () => {
    render(HelpTip, { of: 'disposableFrom' });
    const button = screen.getByRole('button', { name: '用語の説明' });
    expect(screen.queryByRole('note')).toBeNull();
    await fireEvent.click(button);
    const note = screen.getByRole('note');
    expect(note).toHaveTextContent('保存期限の翌日です');
    expect(note).toHaveTextContent('根拠: 002 第21条④');
    expect(button).toHaveAttribute('aria-expanded', 'true');
    await fireEvent.keyDown(button, { key: 'Escape' });
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('has a text and a source for every term, none holding a digit run that could be a number', () => {
    for (const [key, e] of Object.entries(HELP)) {
      expect(e.text.length, key).toBeGreaterThan(10);
      expect(e.source.length, key).toBeGreaterThan(3);
      expect(e.text + e.source, key).not.toMatch(/\d{12}/);
    }
  });
});
