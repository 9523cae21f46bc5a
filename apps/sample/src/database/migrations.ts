/**
 * The sample's schema. PostgreSQL gets row-level security as a second wall: the policy
 * compares each row's tenant with the transaction's `app.tenant_id`, and FORCE makes it apply
 * to the table owner too; requests run as `SAMPLE_APP_ROLE`, which owns nothing.
 */
export const SAMPLE_APP_ROLE = 'coresdk_sample_app';

export const SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS products (
  id          TEXT PRIMARY KEY,
  tenant_id   TEXT NOT NULL,
  name        TEXT NOT NULL,
  price_cents INTEGER NOT NULL CHECK (price_cents >= 0)
);
CREATE INDEX IF NOT EXISTS products_tenant ON products (tenant_id);
`;

export function postgresSchema(schema: string): string[] {
  return [
    `CREATE SCHEMA IF NOT EXISTS ${schema}`,
    `CREATE TABLE IF NOT EXISTS ${schema}.products (
       id          TEXT PRIMARY KEY,
       tenant_id   TEXT NOT NULL,
       name        TEXT NOT NULL,
       price_cents INTEGER NOT NULL CHECK (price_cents >= 0)
     )`,
    `CREATE INDEX IF NOT EXISTS products_tenant ON ${schema}.products (tenant_id)`,
    `ALTER TABLE ${schema}.products ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE ${schema}.products FORCE ROW LEVEL SECURITY`,
    `DO $$ BEGIN
       CREATE POLICY products_tenant_isolation ON ${schema}.products
         USING (tenant_id = current_setting('app.tenant_id', true))
         WITH CHECK (tenant_id = current_setting('app.tenant_id', true));
     EXCEPTION WHEN duplicate_object THEN NULL; END $$`,
    // Roles are cluster-wide; several test runs may race to create it.
    `DO $$ BEGIN
       CREATE ROLE ${SAMPLE_APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS;
     EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
    // SET ROLE needs membership unless the connecting user is a superuser; granting it
    // only when missing keeps concurrent migrations from racing on pg_auth_members.
    `DO $$ BEGIN
       IF NOT (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
          AND NOT pg_has_role(current_user, '${SAMPLE_APP_ROLE}', 'MEMBER') THEN
         EXECUTE format('GRANT ${SAMPLE_APP_ROLE} TO %I', current_user);
       END IF;
     END $$`,
    `GRANT USAGE ON SCHEMA ${schema} TO ${SAMPLE_APP_ROLE}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ${schema}.products TO ${SAMPLE_APP_ROLE}`,
  ];
}
