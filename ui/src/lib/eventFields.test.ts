import { describe, expect, it } from 'vitest';
import { changedDetails, eventFields } from './eventFields';

const field = (key: string, input: string) => ({ key, label: key, input, required: true, choices: [] });

describe('event details from the entry form', () => {
  it('sends each detail the form asks for, typed as its input says, and no other', () => {
    const form = [field('to', 'text'), field('measures', 'multi'), field('sealed', 'yes_no'), field('file', 'file')];
    const details = eventFields(form, { to: ' 本社 ', sealed: 'no', file: '3' }, { measures: ['seal'] }, '');
    expect(details).toEqual({ to: '本社', measures: ['seal'], sealed: false, note: null });
  });

  it('carries a detail the core adds to a form without a change here', () => {
    const details = eventFields([field('new_detail', 'text')], { new_detail: '記入' }, {}, '備考');
    expect(details).toMatchObject({ new_detail: '記入', note: '備考', measures: [] });
  });

  it('leaves a blank field as not given', () => {
    expect(eventFields([field('content', 'text'), field('sealed', 'yes_no')], { content: '  ' }, {}, '')).toEqual({
      content: null,
      sealed: null,
      measures: [],
      note: null,
    });
  });

  it('changes only the details given in a correction', () => {
    expect(changedDetails({ content: '訂正後', note: '' })).toEqual({ measures: [], content: '訂正後', note: null });
  });
});
