import { describe, expect, it } from 'vitest';
import { describeCloseCode } from '../../../src/core/close-codes';
import { SCAIWAVE_PROFILE } from '../../../src/core/profile/scaiwave';

describe('close codes (RFC 6455 §7.4.1, IANA)', () => {
  it('names standard, profile and range codes', () => {
    expect(describeCloseCode(1006).name).toBe('Abnormal Closure');
    expect(describeCloseCode(1012).source).toBe('IANA');
    expect(describeCloseCode(4001, SCAIWAVE_PROFILE.closeCodes, 'scaiwave')).toMatchObject({ name: 'SW_AUTH_INVALID_TOKEN', source: 'scaiwave' });
    expect(describeCloseCode(3001).name).toBe('Library code');
    expect(describeCloseCode(4999).name).toBe('Application code');
    expect(describeCloseCode(1004).name).toBe('Reserved');
  });
});
