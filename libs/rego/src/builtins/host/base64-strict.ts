/**
 * Strict base64 decoding as Go's encoding/base64 does it (Node's decoder silently skips
 * bad characters). `url` selects the URL alphabet. Missing padding is accepted unless
 * `requirePadding` (base64.decode is strict; base64url.decode pads first, as OPA does).
 * Undefined for malformed input.
 */
export function decodeBase64(
  text: string,
  url: boolean,
  requirePadding = false,
): Buffer | undefined {
  const alphabet = url ? /^[A-Za-z0-9_-]*={0,2}$/ : /^[A-Za-z0-9+/]*={0,2}$/;
  if (!alphabet.test(text)) return undefined;
  const unpadded = text.replace(/=+$/, '');
  const padding = text.length - unpadded.length;
  if (unpadded.length % 4 === 1) return undefined;
  if ((padding > 0 || requirePadding) && text.length % 4 !== 0) return undefined;
  const bytes = Buffer.from(unpadded, url ? 'base64url' : 'base64');
  // Go rejects encodings whose unused trailing bits are not zero.
  if (bytes.toString(url ? 'base64url' : 'base64').replace(/=+$/, '') !== unpadded)
    return undefined;
  return bytes;
}
