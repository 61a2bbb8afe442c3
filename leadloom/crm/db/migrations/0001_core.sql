-- Core CRM schema: organizations, users, API keys, contacts, companies, pipelines, deals, activities,
-- custom fields, record history. Every tenant row carries org_id and is guarded by row-level security:
-- the app role sees only rows of the organization set for the current transaction (leadloom.org_id).

CREATE EXTENSION IF NOT EXISTS vector;

-- The organization of the current transaction, or NULL (which matches nothing).
CREATE FUNCTION current_org() RETURNS uuid
LANGUAGE sql STABLE AS $$ SELECT NULLIF(current_setting('leadloom.org_id', true), '')::uuid $$;

-- array_to_string is only STABLE; generated search columns need an IMMUTABLE expression.
CREATE FUNCTION text_join(arr text[], sep text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT array_to_string(arr, sep) $$;

CREATE TABLE organizations (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    slug        text NOT NULL UNIQUE,
    settings    jsonb NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
    id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id         uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    email          text NOT NULL,
    name           text NOT NULL,
    role           text NOT NULL DEFAULT 'rep' CHECK (role IN ('owner','admin','manager','rep','viewer')),
    password_hash  text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    deleted_at     timestamptz
);
CREATE UNIQUE INDEX users_email_uq ON users (lower(email));
CREATE INDEX users_org_idx ON users (org_id);

CREATE TABLE api_keys (
    id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id        uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id       uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name          text NOT NULL DEFAULT 'default',
    prefix        text NOT NULL,
    key_hash      text NOT NULL UNIQUE,          -- sha256 of the secret; the secret itself is never stored
    scopes        text[] NOT NULL DEFAULT '{read,write}',
    expires_at    timestamptz,
    revoked_at    timestamptz,
    last_used_at  timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX api_keys_org_idx ON api_keys (org_id);

-- Per-organization configurable lifecycle stages (lead, MQL, SQL, customer...).
CREATE TABLE lifecycle_stages (
    org_id    uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    key       text NOT NULL,
    label     text NOT NULL,
    position  int  NOT NULL,
    PRIMARY KEY (org_id, key)
);

CREATE TABLE companies (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id       uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name         text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    domain       text,
    industry     text,
    size         int CHECK (size IS NULL OR size >= 0),
    owner_id     uuid REFERENCES users(id) ON DELETE SET NULL,
    custom       jsonb NOT NULL DEFAULT '{}',
    external_id  text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    deleted_at   timestamptz,
    search       tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', coalesce(name,'') || ' ' || coalesce(domain,'') || ' ' || coalesce(industry,''))
    ) STORED
);
CREATE INDEX companies_org_created_idx ON companies (org_id, created_at, id);
CREATE INDEX companies_org_name_idx ON companies (org_id, lower(name));
CREATE UNIQUE INDEX companies_domain_uq ON companies (org_id, domain) WHERE deleted_at IS NULL AND domain IS NOT NULL;
CREATE UNIQUE INDEX companies_ext_uq ON companies (org_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX companies_search_idx ON companies USING gin (search);

CREATE TABLE contacts (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id          uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    first_name      text NOT NULL DEFAULT '',
    last_name       text NOT NULL DEFAULT '',
    emails          text[] NOT NULL DEFAULT '{}',   -- normalised (lower-case), first is primary
    phones          text[] NOT NULL DEFAULT '{}',   -- E.164, first is primary
    title           text,
    company_id      uuid REFERENCES companies(id) ON DELETE SET NULL,
    lifecycle_stage text,
    lead_source     text,
    owner_id        uuid REFERENCES users(id) ON DELETE SET NULL,
    tags            text[] NOT NULL DEFAULT '{}',
    email_consent   boolean NOT NULL DEFAULT false,
    sms_consent     boolean NOT NULL DEFAULT false,
    next_follow_up  date,
    custom          jsonb NOT NULL DEFAULT '{}',
    external_id     text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz,
    CHECK (first_name <> '' OR last_name <> '' OR cardinality(emails) > 0),
    FOREIGN KEY (org_id, lifecycle_stage) REFERENCES lifecycle_stages (org_id, key) ON UPDATE CASCADE,
    search          tsvector GENERATED ALWAYS AS (
        to_tsvector('simple', first_name || ' ' || last_name || ' ' || coalesce(title,'') || ' '
            || text_join(emails, ' ') || ' ' || text_join(tags, ' '))
    ) STORED
);
CREATE INDEX contacts_org_created_idx ON contacts (org_id, created_at, id);
CREATE INDEX contacts_org_name_idx ON contacts (org_id, lower(last_name), lower(first_name));
CREATE INDEX contacts_emails_idx ON contacts USING gin (emails);
CREATE INDEX contacts_phones_idx ON contacts USING gin (phones);
CREATE INDEX contacts_tags_idx ON contacts USING gin (tags);
CREATE INDEX contacts_company_idx ON contacts (company_id);
CREATE INDEX contacts_owner_idx ON contacts (org_id, owner_id);
CREATE UNIQUE INDEX contacts_ext_uq ON contacts (org_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX contacts_search_idx ON contacts USING gin (search);

CREATE TABLE pipelines (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id      uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name        text NOT NULL,
    is_default  boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (org_id, name)
);

CREATE TABLE pipeline_stages (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id       uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    pipeline_id  uuid NOT NULL REFERENCES pipelines(id) ON DELETE CASCADE,
    name         text NOT NULL,
    position     int NOT NULL,
    probability  int NOT NULL DEFAULT 0 CHECK (probability BETWEEN 0 AND 100),
    kind         text NOT NULL DEFAULT 'open' CHECK (kind IN ('open','won','lost')),
    UNIQUE (pipeline_id, name)
);

CREATE TABLE deals (
    id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id          uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
    company_id      uuid REFERENCES companies(id) ON DELETE SET NULL,
    contact_id      uuid REFERENCES contacts(id) ON DELETE SET NULL,
    pipeline_id     uuid NOT NULL REFERENCES pipelines(id),
    stage_id        uuid NOT NULL REFERENCES pipeline_stages(id),
    amount          numeric(14,2) CHECK (amount IS NULL OR amount >= 0),
    currency        char(3) NOT NULL DEFAULT 'USD',
    expected_close  date,
    probability     int CHECK (probability IS NULL OR probability BETWEEN 0 AND 100),
    status          text NOT NULL DEFAULT 'open' CHECK (status IN ('open','won','lost')),
    close_reason    text,
    closed_at       timestamptz,
    owner_id        uuid REFERENCES users(id) ON DELETE SET NULL,
    custom          jsonb NOT NULL DEFAULT '{}',
    external_id     text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    deleted_at      timestamptz,
    search          tsvector GENERATED ALWAYS AS (to_tsvector('simple', name || ' ' || coalesce(close_reason,''))) STORED
);
CREATE INDEX deals_org_created_idx ON deals (org_id, created_at, id);
CREATE INDEX deals_company_idx ON deals (company_id);
CREATE INDEX deals_contact_idx ON deals (contact_id);
CREATE INDEX deals_stage_idx ON deals (org_id, stage_id);
CREATE UNIQUE INDEX deals_ext_uq ON deals (org_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX deals_search_idx ON deals USING gin (search);

CREATE TABLE activities (
    id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id       uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    type         text NOT NULL CHECK (type IN ('email','call','meeting','note','task')),
    direction    text CHECK (direction IN ('inbound','outbound')),
    subject      text,
    body         text,
    occurred_at  timestamptz NOT NULL DEFAULT now(),
    due_at       timestamptz,
    status       text CHECK (status IN ('open','done','cancelled')),
    contact_id   uuid REFERENCES contacts(id) ON DELETE CASCADE,
    company_id   uuid REFERENCES companies(id) ON DELETE SET NULL,
    deal_id      uuid REFERENCES deals(id) ON DELETE SET NULL,
    owner_id     uuid REFERENCES users(id) ON DELETE SET NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    deleted_at   timestamptz,
    CHECK (type <> 'task' OR status IS NOT NULL)
);
CREATE INDEX activities_contact_idx ON activities (contact_id, occurred_at DESC);
CREATE INDEX activities_company_idx ON activities (company_id, occurred_at DESC);
CREATE INDEX activities_deal_idx ON activities (deal_id, occurred_at DESC);
CREATE INDEX activities_org_created_idx ON activities (org_id, created_at, id);
CREATE INDEX activities_open_tasks_idx ON activities (org_id, due_at) WHERE type = 'task' AND status = 'open';

CREATE TABLE custom_field_defs (
    id        uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    org_id    uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    entity    text NOT NULL CHECK (entity IN ('contact','company','deal')),
    key       text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,62}$'),
    label     text NOT NULL,
    type      text NOT NULL CHECK (type IN ('text','number','date','select','multi_select','boolean')),
    options   text[] NOT NULL DEFAULT '{}',
    required  boolean NOT NULL DEFAULT false,
    UNIQUE (org_id, entity, key)
);

-- Every change to a record (before/after), including values that lost in a merge, so nothing is lost
-- and merges can be undone. The full audit log (logins, exports...) builds on this in the trust work.
CREATE TABLE record_history (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    org_id      uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    entity      text NOT NULL,
    entity_id   uuid NOT NULL,
    action      text NOT NULL,
    before      jsonb,
    after       jsonb,
    actor_id    uuid,
    source      text NOT NULL DEFAULT 'api',
    at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX record_history_entity_idx ON record_history (org_id, entity, entity_id, at);

-- Row-level security on every tenant table, forced so that even the tables' owner obeys it.
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['users','api_keys','lifecycle_stages','companies','contacts','pipelines',
                             'pipeline_stages','deals','activities','custom_field_defs','record_history']
    LOOP
        EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
        EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
        EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (org_id = current_org()) WITH CHECK (org_id = current_org())', t);
    END LOOP;
END $$;
ALTER TABLE organizations ENABLE ROW LEVEL SECURITY;
ALTER TABLE organizations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON organizations USING (id = current_org()) WITH CHECK (id = current_org());

-- Authentication has to find a key before any organization is known. These SECURITY DEFINER functions
-- (owned by the migrating role, which bypasses RLS only inside them) return just what auth needs.
CREATE FUNCTION auth_api_key(p_hash text)
RETURNS TABLE (key_id uuid, org_id uuid, user_id uuid, scopes text[], role text, expires_at timestamptz)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT k.id, k.org_id, k.user_id, k.scopes, u.role, k.expires_at
    FROM api_keys k JOIN users u ON u.id = k.user_id
    WHERE k.key_hash = p_hash AND k.revoked_at IS NULL AND u.deleted_at IS NULL
$$;

CREATE FUNCTION auth_user_by_email(p_email text)
RETURNS TABLE (user_id uuid, org_id uuid, role text, password_hash text, name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT u.id, u.org_id, u.role, u.password_hash, u.name FROM users u
    WHERE lower(u.email) = lower(p_email) AND u.deleted_at IS NULL
$$;

COMMENT ON TABLE record_history IS 'append-only: the app role may insert and read, never update or delete';
