import { describe, expect, it } from 'vitest';
import {
  describeDays,
  formatLocal,
  latestDue,
  localDate,
  nextDue,
  parseDays,
  parseTime,
  parseTimeZone,
  type Schedule,
} from '../../src/daily/schedule.js';

const every = 'mon,tue,wed,thu,fri,sat,sun';
const iso = (d: Date | undefined) => d?.toISOString();

describe('parseTime', () => {
  it.each([
    ['08:30', '08:30'],
    ['8:30', '08:30'],
    ['0830', '08:30'],
    ['8', '08:00'],
    ['20h15', '20:15'],
    ['8.45', '08:45'],
    ['8pm', '20:00'],
    ['12am', '00:00'],
    ['12:30 pm', '12:30'],
    ['00:00', '00:00'],
    ['23:59', '23:59'],
  ])('%s → %s', (input, out) => {
    expect(parseTime(input)).toEqual({ ok: true, value: out });
  });

  it.each(['25:00', '24:00', '12:60', '13pm', 'noon', '8:3', '', '-1:00'])('refuses %j with a hint', (input) => {
    const r = parseTime(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/08:30/);
  });
});

describe('parseTimeZone', () => {
  it('accepts IANA names and fixes their case', () => {
    expect(parseTimeZone('Europe/Paris')).toEqual({ ok: true, value: 'Europe/Paris' });
    expect(parseTimeZone('america/new_york')).toEqual({ ok: true, value: 'America/New_York' });
    expect(parseTimeZone('UTC')).toEqual({ ok: true, value: 'UTC' });
  });
  it.each(['Mars/Base', 'Europe/Pariss', '+05:00', 'GMT+25', '', 'Europe/Paris; DROP TABLE'])('refuses %j', (input) => {
    const r = parseTimeZone(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/Europe\/Paris/);
  });
});

describe('parseDays', () => {
  it.each([
    ['', every],
    ['every day', every],
    ['daily', every],
    ['weekdays', 'mon,tue,wed,thu,fri'],
    ['weekends', 'sat,sun'],
    ['mon,wed,fri', 'mon,wed,fri'],
    ['Friday, Monday', 'mon,fri'],
    ['mon wed and fri', 'mon,wed,fri'],
    ['tue-thu', 'tue,wed,thu'],
    ['fri-mon', 'mon,fri,sat,sun'],
    ['sun', 'sun'],
  ])('%j → %s', (input, out) => {
    expect(parseDays(input)).toEqual({ ok: true, value: out });
  });

  it.each(['funday', 'mon,xyz', 'mon-xyz', '1,2,3', ',,'])('refuses %j', (input) => {
    const r = parseDays(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/weekdays/);
  });

  it('describes days for people', () => {
    expect(describeDays(every)).toBe('every day');
    expect(describeDays('mon,tue,wed,thu,fri')).toBe('weekdays');
    expect(describeDays('sat,sun')).toBe('weekends');
    expect(describeDays('mon,wed,fri')).toBe('Mon, Wed and Fri');
    expect(describeDays('fri')).toBe('Fridays');
  });
});

describe('due instants', () => {
  const paris: Schedule = { time: '08:30', timeZone: 'Europe/Paris', days: every };

  it('follows the zone across a spring-forward day (Europe/Paris, 2026-03-29)', () => {
    expect(iso(nextDue(paris, new Date('2026-03-28T12:00:00Z')))).toBe('2026-03-29T06:30:00.000Z'); // CEST, UTC+2
    expect(iso(nextDue(paris, new Date('2026-03-27T12:00:00Z')))).toBe('2026-03-28T07:30:00.000Z'); // CET, UTC+1
    // 02:30 does not exist that day: posted at the first valid time after the gap, 03:00 CEST
    const gap: Schedule = { ...paris, time: '02:30' };
    expect(iso(nextDue(gap, new Date('2026-03-28T12:00:00Z')))).toBe('2026-03-29T01:00:00.000Z');
    expect(localDate(new Date('2026-03-29T01:00:00Z'), 'Europe/Paris')).toBe('2026-03-29');
  });

  it('follows the zone across a fall-back day (America/New_York, 2026-11-01)', () => {
    const ny: Schedule = { time: '09:00', timeZone: 'America/New_York', days: every };
    expect(iso(nextDue(ny, new Date('2026-10-31T20:00:00Z')))).toBe('2026-11-01T14:00:00.000Z'); // EST, UTC-5
    expect(iso(nextDue(ny, new Date('2026-10-30T20:00:00Z')))).toBe('2026-10-31T13:00:00.000Z'); // EDT, UTC-4
    // 01:30 happens twice: due once, at the first
    const twice: Schedule = { ...ny, time: '01:30' };
    const first = nextDue(twice, new Date('2026-10-31T20:00:00Z'))!;
    expect(first.toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(iso(nextDue(twice, first))).toBe('2026-11-02T06:30:00.000Z');
  });

  it('finds the latest due instant at or before a moment', () => {
    expect(iso(latestDue(paris, new Date('2026-03-02T07:30:00Z')))).toBe('2026-03-02T07:30:00.000Z');
    expect(iso(latestDue(paris, new Date('2026-03-02T07:29:59.999Z')))).toBe('2026-03-01T07:30:00.000Z');
  });

  it('keeps to the chosen days', () => {
    const mwf: Schedule = { ...paris, days: 'mon,wed,fri' };
    const from = new Date('2026-03-02T12:00:00Z'); // Monday
    const a = nextDue(mwf, from)!;
    const b = nextDue(mwf, a)!;
    expect([a, b].map((d) => localDate(d, 'Europe/Paris'))).toEqual(['2026-03-04', '2026-03-06']);
  });

  it('shows instants in the channel zone', () => {
    expect(formatLocal(new Date('2026-03-29T06:30:00Z'), 'Europe/Paris')).toMatch(/29 Mar 2026, 08:30 \(Europe\/Paris\)/);
  });
});
