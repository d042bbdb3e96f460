/**
 * The learned heartbeat interval is the timer value a person set, not the jittered median a busy
 * main thread measured (docs/design.md#profile-learning).
 */
import { expect, it } from 'vitest';
import { timerInterval } from '../../../../../src/core/profile/learn/heartbeat';

it('snaps a median within ±4 % to the round timer value it comes from', () => {
  expect(timerInterval(494)).toBe(500);
  expect(timerInterval(507)).toBe(500);
  expect(timerInterval(2_960)).toBe(3_000);
  expect(timerInterval(2_540)).toBe(2_500);
  expect(timerInterval(24_400)).toBe(25_000);
  expect(timerInterval(29_500)).toBe(30_000);
  expect(timerInterval(98)).toBe(100);
  expect(timerInterval(45_300)).toBe(45_000);
});

it('keeps two significant digits of a median near no round value', () => {
  expect(timerInterval(3_500)).toBe(3_500);
  expect(timerInterval(1_730)).toBe(1_700);
  expect(timerInterval(430)).toBe(430);
  expect(timerInterval(0)).toBe(0);
});
