/**
 * Mints a development token for the sample app, signed with the key pair the sample
 * generates in `.dev-keys/` on first start:
 *
 *   npm run token -- --tenant acme-corp --sub alice [--ttl 3600] [--claim role=admin]
 *
 * Issuer and audience come from coresdk.toml (or CORESDK_ISSUER / CORESDK_AUDIENCE) so the
 * token passes the sample's TenantGuard as configured.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseToml } from 'smol-toml';

const USAGE =
  'usage: npm run token -- --tenant <tenant-id> [--sub <subject>] [--ttl <seconds>] [--claim key=value ...]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      tenant: { type: 'string' },
      sub: { type: 'string', default: 'dev-user' },
      ttl: { type: 'string', default: '3600' },
      claim: { type: 'string', multiple: true, default: [] },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || !values.tenant) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const keyFile = join(process.cwd(), '.dev-keys', 'private.jwk.json');
  if (!existsSync(keyFile)) {
    console.error(
      'no development key yet: start the sample once (npm start) to generate .dev-keys/',
    );
    process.exit(1);
  }
  const { SignJWT, importJWK } = await import('jose');
  const jwk = JSON.parse(readFileSync(keyFile, 'utf8'));
  const key = await importJWK(jwk, jwk.alg);
  const configFile = process.env.CORESDK_CONFIG ?? join(process.cwd(), 'coresdk.toml');
  const auth = existsSync(configFile)
    ? ((parseToml(readFileSync(configFile, 'utf8')).auth ?? {}) as Record<string, unknown>)
    : {};
  const issuer = process.env.CORESDK_ISSUER ?? (auth.issuer as string | undefined);
  const audience = process.env.CORESDK_AUDIENCE ?? (auth.audience as string | undefined);
  const tenantClaim = (auth.tenant_claim as string | undefined) ?? 'tenant_id';

  const extra: Record<string, string> = {};
  for (const pair of values.claim as string[]) {
    const at = pair.indexOf('=');
    if (at <= 0) {
      console.error(`--claim takes key=value, got "${pair}"`);
      process.exit(2);
    }
    extra[pair.slice(0, at)] = pair.slice(at + 1);
  }
  let token = new SignJWT({ ...extra, [tenantClaim]: values.tenant })
    .setProtectedHeader({ alg: jwk.alg, kid: jwk.kid, typ: 'JWT' })
    .setSubject(values.sub as string)
    .setIssuedAt()
    .setExpirationTime(`${Number(values.ttl)}s`);
  if (issuer) token = token.setIssuer(issuer);
  if (audience) token = token.setAudience(audience);
  process.stdout.write((await token.sign(key)) + '\n');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
