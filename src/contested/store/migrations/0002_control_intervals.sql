-- Schema version 2: derived control-of-territory tables.
-- Recomputed from the facts by contested.derive (after each ingest and by
-- `contested derive`), never edited by hand; contested_meta.derived_fingerprint
-- names the set of sources they were computed from.

-- Who held each place from when to when. 'unknown' before the first evidence.
CREATE TABLE control_intervals (
    place_id VARCHAR NOT NULL,
    controller VARCHAR NOT NULL,      -- canonical actor id, or 'unknown'
    valid_from DATE,                  -- null: since the start of the record
    valid_to DATE,                    -- exclusive; null: still held at the end of the record
    n_facts BIGINT NOT NULL,          -- territory events that establish the interval
    n_sources BIGINT NOT NULL,
    conflict BOOLEAN NOT NULL         -- another controller is reported for overlapping time
);

-- The facts behind each interval (place_id, controller, valid_from).
CREATE TABLE control_evidence (
    place_id VARCHAR NOT NULL,
    controller VARCHAR NOT NULL,
    valid_from DATE NOT NULL,
    source_id VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    sub_event_type VARCHAR,
    date_start DATE,
    date_end DATE
);
