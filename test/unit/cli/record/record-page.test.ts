import { describe, expect, it } from 'vitest';
import { bidiErrorText } from '../../../../src/cli/record/record-page';

describe('bidiErrorText', () => {
  it('keeps the reason of a Firefox navigation error, without the wrapping and the browser stack frame', () => {
    expect(bidiErrorText('Protocol error (browsingContext.navigate): unknown error Error: NS_ERROR_CONNECTION_REFUSED #onNavigationCommitted@chrome://remote/content/shared/Navigate.sys.mjs:387:28')).toBe('NS_ERROR_CONNECTION_REFUSED');
    expect(bidiErrorText('Protocol error (browsingContext.navigate): unknown error Error: deniedPortAccess #onNavigationCommitted@chrome://remote/content/shared/Navigate.sys.mjs:387:28')).toBe('deniedPortAccess');
  });

  it('leaves any other line as it is', () => {
    expect(bidiErrorText('Navigation timeout of 30000 ms exceeded')).toBe('Navigation timeout of 30000 ms exceeded');
    expect(bidiErrorText('')).toBe('');
  });
});
