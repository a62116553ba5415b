-- The knowledge base, schema version 1.
-- Every fact row names its source (source_id) and keeps where it came from:
-- quote + span for texts, row_number for datasets. Facts are never merged or
-- overwritten: two sources that disagree are two rows.
-- Fact tables carry no primary-key index: DuckDB loads millions of rows much
-- faster without one, and readers reject duplicate ids within a source.

CREATE TABLE contested_meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

CREATE TABLE sources (
    source_id VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL UNIQUE,
    kind VARCHAR NOT NULL,            -- text, facts, ucdp, acled, gdelt, syrianarchive, registry, gazetteer
    reader VARCHAR NOT NULL,          -- e.g. contested.ucdp_csv.v1
    path VARCHAR NOT NULL,
    title VARCHAR,
    doc_id VARCHAR,
    published DATE,
    author VARCHAR,
    text VARCHAR,                     -- the full text of a text document, for quotes in context
    ingested_at TIMESTAMP NOT NULL,
    n_events BIGINT NOT NULL,
    n_relations BIGINT NOT NULL,
    n_claims BIGINT NOT NULL,
    n_skipped BIGINT NOT NULL
);

-- Canonical entities: the registry and gazetteer, plus names no one knew (flagged).
CREATE TABLE actors (
    actor_id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    kind VARCHAR,
    parent_id VARCHAR,
    country VARCHAR,
    inter_code INTEGER,
    origin VARCHAR NOT NULL,          -- registry | source
    flagged BOOLEAN NOT NULL
);

CREATE TABLE actor_aliases (
    actor_id VARCHAR NOT NULL,
    alias VARCHAR NOT NULL,
    source_id VARCHAR                 -- null for registry aliases
);

CREATE TABLE places (
    place_id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    kind VARCHAR,
    admin_level TINYINT,              -- 1 governorate, 2 district, 3 sub-district (OCHA); null otherwise
    admin1 VARCHAR,
    admin1_pcode VARCHAR,
    admin2 VARCHAR,
    admin2_pcode VARCHAR,
    country VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    population BIGINT,
    geonameid BIGINT,
    origin VARCHAR NOT NULL,          -- gazetteer | source
    flagged BOOLEAN NOT NULL
);

CREATE TABLE place_aliases (
    place_id VARCHAR NOT NULL,
    alias VARCHAR NOT NULL,
    source_id VARCHAR
);

-- How each source named its actors and places, and what they resolved to.
CREATE TABLE source_actors (
    source_id VARCHAR NOT NULL,
    ref VARCHAR NOT NULL,
    name VARCHAR,
    aliases VARCHAR[],
    kind VARCHAR,
    actor_id VARCHAR NOT NULL,
    resolution_rule VARCHAR,
    resolution_confidence DOUBLE
);

CREATE TABLE source_places (
    source_id VARCHAR NOT NULL,
    ref VARCHAR NOT NULL,
    name VARCHAR,
    mention VARCHAR,
    aliases VARCHAR[],
    kind VARCHAR,
    admin1 VARCHAR,
    admin2 VARCHAR,
    country VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    geonameid BIGINT,
    place_id VARCHAR NOT NULL,
    resolution_rule VARCHAR,
    resolution_confidence DOUBLE
);

CREATE TABLE events (
    source_id VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    event_type VARCHAR NOT NULL,
    sub_event_type VARCHAR,
    date_start DATE,
    date_end DATE,
    date_text VARCHAR,
    date_precision TINYINT,           -- the dataset's own scale (UCDP date_prec, ACLED time_precision)
    actor1 VARCHAR,                   -- canonical actor ids
    actor1_text VARCHAR,              -- the name as the source wrote it
    actor2 VARCHAR,
    actor2_text VARCHAR,
    place_id VARCHAR,
    place_text VARCHAR,
    lat DOUBLE,                       -- the event's own point, else its place's
    lon DOUBLE,
    location_precision TINYINT,       -- UCDP where_prec, ACLED geo_precision
    fatalities BIGINT,                -- best estimate
    fatalities_low BIGINT,
    fatalities_high BIGINT,
    notes VARCHAR,
    reported_by VARCHAR,              -- the original reporter a dataset row cites
    confidence DOUBLE,
    quote VARCHAR,
    span_start BIGINT,
    span_end BIGINT,
    row_number BIGINT,
    attrs JSON                        -- dataset-specific fields (e.g. a CAMEO code)
);

-- Every actor an event involves, by role: actor1, actor2, assoc_actor1, assoc_actor2.
CREATE TABLE event_actors (
    source_id VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    role VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    actor_text VARCHAR
);

CREATE TABLE relations (
    source_id VARCHAR NOT NULL,
    relation_id VARCHAR NOT NULL,
    subject_id VARCHAR NOT NULL,
    subject_text VARCHAR,
    predicate VARCHAR NOT NULL,
    object_id VARCHAR NOT NULL,
    object_text VARCHAR,
    valid_from DATE,
    valid_to DATE,
    notes VARCHAR,
    confidence DOUBLE,
    quote VARCHAR,
    span_start BIGINT,
    span_end BIGINT,
    row_number BIGINT
);

CREATE TABLE claims (
    source_id VARCHAR NOT NULL,
    claim_id VARCHAR NOT NULL,
    claimant_id VARCHAR NOT NULL,
    claimant_text VARCHAR,
    date_start DATE,
    date_end DATE,
    date_text VARCHAR,
    statement VARCHAR,
    about_event_type VARCHAR,
    about_sub_event_type VARCHAR,
    about_actor1 VARCHAR,
    about_actor1_text VARCHAR,
    about_actor2 VARCHAR,
    about_actor2_text VARCHAR,
    about_place_id VARCHAR,
    about_place_text VARCHAR,
    lat DOUBLE,
    lon DOUBLE,
    notes VARCHAR,
    confidence DOUBLE,
    quote VARCHAR,
    span_start BIGINT,
    span_end BIGINT,
    row_number BIGINT,
    attrs JSON
);

CREATE TABLE assessments (
    source_id VARCHAR NOT NULL,
    claim_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    by_id VARCHAR NOT NULL,
    by_text VARCHAR,
    verdict VARCHAR NOT NULL,
    statement VARCHAR,
    quote VARCHAR,
    span_start BIGINT,
    span_end BIGINT
);
