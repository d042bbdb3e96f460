/**
 * HAR 1.2 import and export with the WebSocket extension fields (docs/design.md#har-import-and-export "HAR").
 */
export { importHar, type HarImportResult } from './import-har';
export { exportHar } from './export-har';
export { harNoFramesReason } from './no-frames';
export { sessionKey } from './session-key';
export { bytesToBase64, base64ToBytes, base64ByteLength, utf8ByteLength } from './base64';
export type {
  HarDocument,
  HarEntry,
  HarPage,
  HarNameValue,
  HarWebSocketMessage,
  HarWavetraceConnection,
  HarWavetraceRequest,
  HarWavetraceLog,
} from './har-types';
