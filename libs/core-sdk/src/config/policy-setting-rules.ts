import { showValue } from './setting-origin';
import type { Reading } from './value-kinds';

/**
 * `[policies].bundle_url`: where the policy bundle is polled. https, or plain http to a
 * loopback host only — over plain http anyone on the path could serve their own policy.
 */
export function bundleUrl(value: string): Reading {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return {
      error: `= ${showValue(value)} is not a URL: write the full https:// address of the bundle`,
    };
  }
  const loopback =
    url.hostname === 'localhost' ||
    url.hostname === '[::1]' ||
    /^127(\.\d{1,3}){3}$/.test(url.hostname);
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) return { value };
  if (url.protocol === 'http:')
    return {
      error:
        `= ${showValue(value)} uses plain http, so anyone on the network path could serve ` +
        'their own policy: use https:// (http is accepted only for localhost)',
    };
  return { error: `= ${showValue(value)} is not valid: use an https:// URL` };
}

/** A bundle source needs exactly one place to read it from, and nothing contradicts it. */
export function checkPolicySource(
  source: 'dir' | 'bundle' | null,
  bundleFile: string | null,
  bundleUrlValue: string | null,
  problems: string[],
): 'dir' | 'bundle' {
  const resolved = source ?? (bundleFile !== null || bundleUrlValue !== null ? 'bundle' : 'dir');
  if (resolved === 'dir' && (bundleFile !== null || bundleUrlValue !== null))
    problems.push(
      '[policies].source = "dir" but bundle_file or bundle_url is set too: set ' +
        'source = "bundle" to load the bundle, or remove bundle_file / bundle_url',
    );
  if (resolved === 'bundle' && bundleFile === null && bundleUrlValue === null)
    problems.push(
      '[policies].source = "bundle" needs bundle_file (a .tar.gz from `coresdk build --bundle`) ' +
        'or bundle_url (a bundle server): set one of them',
    );
  if (bundleFile !== null && bundleUrlValue !== null)
    problems.push(
      '[policies].bundle_file and [policies].bundle_url are both set: keep only one bundle source',
    );
  return resolved;
}
