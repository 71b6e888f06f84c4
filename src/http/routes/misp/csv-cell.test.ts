import { expect, it } from 'vitest';
import { csvCell } from './rest-search.ts';

it.each([
  ['198.51.100.23', '198.51.100.23'],
  ['a,b', '"a,b"'],
  ['say "hi"', '"say ""hi"""'],
  ['=cmd|\' /C calc\'!A0', '"\'=cmd|\' /C calc\'!A0"'],
  ['+1', '"\'+1"'],
  ['-x', '"\'-x"'],
  ['@SUM(A1)', '"\'@SUM(A1)"'],
  ['\tx', '"\'\tx"'],
])('renders %j as the CSV cell %j, neutralising formulas', (value, cell) => {
  expect(csvCell(value)).toBe(cell);
});
