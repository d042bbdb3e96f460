/**
 * Profiles (docs/design.md#profiles): types, schema, matchers, classification, presets and detection.
 * One import for callers: `import { createClassifier, detectProfile } from '../profile'`.
 */
export type * from './types';
export { parseProfile, ProfileSchema, FrameMatcherSchema } from './schema';
export {
  matchFrame,
  compileMatcher,
  reverseMatcher,
  jsonEqual,
  prepareFrame,
  splitRecords,
  base64PrefixHex,
  FrameView,
  getPath,
  getPathAll,
  compilePath,
  evalPath,
  toPosition,
  type CompiledMatcher,
  type CompiledPath,
  type FrameLike,
} from './match';
export { createClassifier, combineRecords, type Classifier } from './classify';
export { detectProfile, previewFrame, type DetectInput, type Detection } from './detect';
export { SCAIWAVE_PROFILE } from './scaiwave';
export { BUILTIN_PROFILES, BUILTIN_PROFILE_NAMES, getBuiltinProfile } from './presets/index';
