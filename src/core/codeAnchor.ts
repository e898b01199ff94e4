/**
 * Code anchors: the public face of src/core/anchor/ (model and capture, line index, verbatim
 * and fuzzy search, re-location through history), so callers import from one place.
 */
export { captureAnchor, normalizeAnchorPath, splitLines, type AnchorLocation, type AnchorStatus, type CaptureAnchorArgs, type CodeAnchor, type LineRange, type SourceFile } from './anchor/model';
export { prepareFile, type PreparedFile } from './anchor/lineIndex';
export { locateAnchor, relocateAnchor } from './anchor/relocate';
export { relocateThroughHistory, trivialLine, type AnchorHistory } from './anchor/history';
export { normalizeRemoteUrl } from './remoteUrl';
