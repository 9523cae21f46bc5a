import { readFileSync } from 'node:fs';
import type { VerificationOptions } from '@coresdk/rego';
import type { CoreSdkConfig } from '../../config/core-sdk-config.interface';
import type { PolicySource } from '../policy-source.interface';
import { BundleFilePolicySource } from './bundle-file-policy-source';
import { BundleHttpPolicySource } from './bundle-http-policy-source';
import { DirectoryPolicySource } from './directory-policy-source';

/** Builds the source `[policies]` selects. A missing verification key stops startup. */
export function createPolicySource(config: CoreSdkConfig): PolicySource {
  const policies = config.policies;
  if (policies.source === 'dir') return new DirectoryPolicySource(config);
  const verification = readVerificationKey(policies.verificationKeyFile);
  if (policies.bundleUrl)
    return new BundleHttpPolicySource(
      policies.bundleUrl,
      policies.entrypoint,
      verification,
      policies.pollIntervalMs,
    );
  if (policies.bundleFile)
    return new BundleFilePolicySource(
      policies.bundleFile,
      policies.entrypoint,
      verification,
      policies.watch,
    );
  // The config resolver refuses this combination; kept as a clear error for hand-built configs.
  throw new Error('[policies].source = "bundle" needs bundle_file or bundle_url');
}

function readVerificationKey(path: string | null): VerificationOptions | null {
  if (path === null) return null;
  try {
    return { publicKey: readFileSync(path, 'utf8') };
  } catch (error) {
    throw new Error(
      `[policies].verification_key_file: cannot read ${path} (${(error as Error).message}): ` +
        'point it at the PEM public key the bundles are signed with',
    );
  }
}
