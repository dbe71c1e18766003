-- Photos of products and of communities, shown on the public pages. A photo never changes:
-- a new upload is a new photo (new id), so its URLs can be cached for good.
CREATE TABLE photos (
    photo_id      uuid PRIMARY KEY,
    subject_kind  text NOT NULL CHECK (subject_kind IN ('product', 'community')),
    subject_id    uuid NOT NULL,
    position      integer NOT NULL CHECK (position >= 1),
    width         integer NOT NULL,
    height        integer NOT NULL,
    uploaded_by   text NOT NULL,
    uploaded_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT photos_subject_position_key UNIQUE (subject_kind, subject_id, position)
        DEFERRABLE INITIALLY DEFERRED
);

-- The bytes: the upload as it came ('original', kept for re-making the variants, never
-- served) and the resized variants served to browsers ('320.webp', '960.jpg', ...).
CREATE TABLE photo_files (
    photo_id      uuid NOT NULL REFERENCES photos (photo_id) ON DELETE CASCADE,
    variant       text NOT NULL,
    content_type  text NOT NULL,
    etag          text NOT NULL,
    body          bytea NOT NULL,
    PRIMARY KEY (photo_id, variant)
);
