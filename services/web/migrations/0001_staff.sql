-- Staff accounts, their roles with areas, console sessions, and who changed which account.
CREATE TABLE staff_accounts (
    id                    uuid PRIMARY KEY,
    username              text NOT NULL CHECK (username = lower(username)),
    display_name          text NOT NULL,
    password_hash         text NOT NULL,
    active                boolean NOT NULL DEFAULT true,
    failed_logins         integer NOT NULL DEFAULT 0,
    locked_until          timestamptz,
    must_change_password  boolean NOT NULL DEFAULT false,
    created_at            timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX staff_accounts_username_idx ON staff_accounts (lower(username));

CREATE TABLE staff_grants (
    account_id  uuid NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
    role        text NOT NULL,
    area        text NOT NULL DEFAULT '',
    PRIMARY KEY (account_id, role, area)
);

-- id: the SHA-256 (hex) of the cookie's token; the token itself is never stored.
CREATE TABLE sessions (
    id            text PRIMARY KEY,
    account_id    uuid NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
    csrf_token    text NOT NULL,
    created_at    timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL
);
CREATE INDEX sessions_account_idx ON sessions (account_id);

-- Failed sign-ins per address (a keyed hash of it, not the address itself).
CREATE TABLE login_failures (
    address  text NOT NULL,
    at       timestamptz NOT NULL
);
CREATE INDEX login_failures_address_idx ON login_failures (address, at);

-- Who (an account id, or the admin token / a command) changed which account, and how.
CREATE TABLE staff_account_changes (
    id          bigserial PRIMARY KEY,
    account_id  uuid NOT NULL REFERENCES staff_accounts (id) ON DELETE CASCADE,
    changed_by  text NOT NULL,
    change      text NOT NULL,
    grants      jsonb NOT NULL DEFAULT '[]',
    active      boolean NOT NULL,
    changed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX staff_account_changes_account_idx ON staff_account_changes (account_id, id);
