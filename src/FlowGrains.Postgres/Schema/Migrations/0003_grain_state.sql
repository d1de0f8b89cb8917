-- Grain state: one row per (service, state name, grain key). Tokens and run-record pages are
-- separate state entries, so each is its own small row and recording one never rewrites another.
-- A write applies only where the stored version is the one the writer read (none, for a new row);
-- otherwise it returns no row and the provider reports a conflict.
CREATE TABLE orleans_grain_state (
    service_id text NOT NULL,
    state_name text NOT NULL,
    grain_id_n0 bigint NOT NULL,
    grain_id_n1 bigint NOT NULL,
    grain_id_extension text NOT NULL,
    payload bytea,
    version integer NOT NULL,
    modified_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (service_id, state_name, grain_id_extension, grain_id_n0, grain_id_n1)
);

INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadFromStorageKey', $q$
    SELECT payload AS PayloadBinary, version AS Version
    FROM orleans_grain_state
    WHERE service_id = @ServiceId AND state_name = @GrainTypeString
      AND grain_id_extension = coalesce(@GrainIdExtensionString, '')
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
$q$),
('WriteToStorageKey', $q$
    WITH updated AS (
        UPDATE orleans_grain_state
        SET payload = @PayloadBinary, version = nextval('flowgrains_row_version'), modified_at = now()
        WHERE @GrainStateVersion IS NOT NULL
          AND service_id = @ServiceId AND state_name = @GrainTypeString
          AND grain_id_extension = coalesce(@GrainIdExtensionString, '')
          AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
          AND version = @GrainStateVersion
        RETURNING version),
    inserted AS (
        INSERT INTO orleans_grain_state (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_extension, payload, version)
        SELECT @ServiceId, @GrainTypeString, @GrainIdN0, @GrainIdN1, coalesce(@GrainIdExtensionString, ''), @PayloadBinary,
               nextval('flowgrains_row_version')
        WHERE @GrainStateVersion IS NULL
        ON CONFLICT DO NOTHING
        RETURNING version)
    SELECT version AS NewGrainStateVersion FROM updated
    UNION ALL
    SELECT version FROM inserted
$q$),
('ClearStorageKey', $q$
    UPDATE orleans_grain_state
    SET payload = NULL, version = nextval('flowgrains_row_version'), modified_at = now()
    WHERE service_id = @ServiceId AND state_name = @GrainTypeString
      AND grain_id_extension = coalesce(@GrainIdExtensionString, '')
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND version = @GrainStateVersion
    RETURNING version
$q$),
('DeleteStorageKey', $q$
    DELETE FROM orleans_grain_state
    WHERE service_id = @ServiceId AND state_name = @GrainTypeString
      AND grain_id_extension = coalesce(@GrainIdExtensionString, '')
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND version = @GrainStateVersion
    RETURNING nextval('flowgrains_row_version')
$q$);
