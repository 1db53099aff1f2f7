// The limits of one uploaded file.
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/** Refused before decoding: a 50 MP photo is already beyond any phone's default camera. */
export const MAX_PIXELS = 50_000_000;
/** Longest side of a stored photo. */
export const MAX_EDGE = 2400;
export const JPEG_QUALITY = 82;
