-- What notices of development projects and trainings name: the event (its titles, from
-- events.showcases.v1) and the product (its SKU and names, from registry.products.v1).
-- Public facts only; a newer version replaces an older one.
CREATE TABLE event_names (
    event_id    uuid PRIMARY KEY,
    version     integer NOT NULL CHECK (version >= 1),
    event       jsonb NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE product_names (
    product_id  uuid PRIMARY KEY,
    version     integer NOT NULL CHECK (version >= 1),
    sku         text NOT NULL,
    name_th     text NOT NULL,
    name_en     text,
    updated_at  timestamptz NOT NULL DEFAULT now()
);
