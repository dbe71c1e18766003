-- Notifications: contacts (read model of the registry), preferences, partner webhooks,
-- the read models that drive reminders and digests, and the durable delivery jobs.

-- Members' contacts from registry.members.v1. Personal data: never logged. Two versions,
-- because member snapshots and status changes may arrive in any order.
CREATE TABLE contacts (
    member_id           uuid PRIMARY KEY,
    name_th             text NOT NULL DEFAULT '',
    name_en             text,
    preferred_language  text NOT NULL DEFAULT 'th' CHECK (preferred_language IN ('th', 'en')),
    status              text NOT NULL
                        CHECK (status IN ('pending', 'active', 'suspended', 'withdrawn')),
    email               text,
    phone               text,
    line_id             text,
    contact_version     integer NOT NULL DEFAULT 0 CHECK (contact_version >= 0),
    status_version      integer NOT NULL DEFAULT 0 CHECK (status_version >= 0),
    updated_at          timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE preferences (
    member_id     uuid PRIMARY KEY,
    language      text CHECK (language IN ('th', 'en')),
    channels      text[] NOT NULL CHECK (cardinality(channels) >= 1),
    opt_outs      text[] NOT NULL DEFAULT '{}',
    quiet_start   time,
    quiet_end     time,
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CHECK ((quiet_start IS NULL) = (quiet_end IS NULL)),
    CHECK (quiet_start IS NULL OR quiet_start <> quiet_end)
);

CREATE TABLE webhook_subscriptions (
    subscription_id  uuid PRIMARY KEY,
    url              text NOT NULL CHECK (url ~ '^https?://'),
    kinds            text[] NOT NULL CHECK (cardinality(kinds) >= 1),
    secret           text NOT NULL,
    description      text,
    active           boolean NOT NULL DEFAULT true,
    created_at       timestamptz NOT NULL DEFAULT now()
);

-- Registrations from events.registrations.v1: who is confirmed for an event (reminders).
CREATE TABLE registrations (
    registration_id  uuid PRIMARY KEY,
    event_id         uuid NOT NULL,
    member_id        uuid NOT NULL,
    status           text NOT NULL,
    version          integer NOT NULL CHECK (version >= 1)
);
CREATE INDEX registrations_event_idx ON registrations (event_id) WHERE status = 'confirmed';

-- The reminder the day before each published event: a durable schedule.
CREATE TABLE event_reminders (
    event_id      uuid PRIMARY KEY,
    version       integer NOT NULL CHECK (version >= 1),
    event         jsonb NOT NULL,
    starts_at     timestamptz NOT NULL,
    remind_at     timestamptz NOT NULL,
    state         text NOT NULL CHECK (state IN ('pending', 'sent', 'dropped', 'missed')),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_reminders_due_idx ON event_reminders (remind_at) WHERE state = 'pending';

-- One sales digest per producer and business day, whatever revisions follow.
CREATE TABLE daily_digests (
    producer_id      uuid NOT NULL,
    business_day     date NOT NULL,
    revision         integer NOT NULL,
    source_event_id  uuid NOT NULL,
    latest_revision  integer NOT NULL,
    PRIMARY KEY (producer_id, business_day)
);

-- Delivery jobs: one per (source event, member, kind) and, for partner copies, per
-- subscription. The consumer only enqueues; the worker claims due jobs with SKIP LOCKED.
CREATE TABLE deliveries (
    delivery_id        uuid PRIMARY KEY,
    kind               text NOT NULL,
    member_id          uuid,
    subscription_id    uuid REFERENCES webhook_subscriptions (subscription_id),
    source_event_id    uuid NOT NULL,
    source_event_type  text NOT NULL,
    event_id           uuid,  -- the showcase event it concerns, if any
    context            jsonb NOT NULL,
    critical           boolean NOT NULL DEFAULT false,
    state              text NOT NULL DEFAULT 'queued'
                       CHECK (state IN ('queued', 'sending', 'sent', 'failed')),
    attempts           integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    channel            text,
    channel_failures   integer NOT NULL DEFAULT 0,
    failed_channels    text[] NOT NULL DEFAULT '{}',
    language           text NOT NULL DEFAULT 'th',
    last_error         text,
    next_attempt_at    timestamptz,
    lease_until        timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    sent_at            timestamptz,
    failed_at          timestamptz,
    CHECK (member_id IS NOT NULL OR subscription_id IS NOT NULL),
    UNIQUE NULLS NOT DISTINCT (source_event_id, member_id, kind, subscription_id)
);
CREATE INDEX deliveries_due_idx ON deliveries (next_attempt_at) WHERE state = 'queued';
CREATE INDEX deliveries_leased_idx ON deliveries (lease_until) WHERE state = 'sending';
CREATE INDEX deliveries_member_idx ON deliveries (member_id, created_at);
CREATE INDEX deliveries_event_idx ON deliveries (event_id, created_at);

CREATE TABLE delivery_attempts (
    id           bigserial PRIMARY KEY,
    delivery_id  uuid NOT NULL REFERENCES deliveries (delivery_id),
    attempt      integer NOT NULL,
    channel      text,
    outcome      text NOT NULL CHECK (outcome IN ('sent', 'retry', 'channel_failed', 'failed')),
    error        text,
    attempted_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX delivery_attempts_delivery_idx ON delivery_attempts (delivery_id, id);
