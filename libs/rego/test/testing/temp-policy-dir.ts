/** Temporary policy directories for the test-runner specs. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export function policyDir(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'coresdk-rego-test-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

export const GLOBAL_POLICY = `package coresdk.authz

default allow := false

allow if input.action == "read"

allow if {
	input.action == "write"
	input.user.role == "editor"
}
`;
