-- The flow ledger: clientTokens and run records in tables of their own, keyed by flow life, instead of
-- one grain-storage row per token and per page of runs. A flow's definition stays in grain storage.

-- One row per clientToken (or eventId) of a flow life. Create tokens use incarnation '-' so they outlive a
-- delete. A token guarding a change of the flow's state carries that change's id and is settled once the
-- change is known to be stored.
CREATE TABLE flowgrains_tokens (
    flow_name text NOT NULL,
    incarnation text NOT NULL,
    operation text NOT NULL,
    token_hash text NOT NULL,
    fingerprint text NOT NULL,
    accepted_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    outcome bytea NOT NULL,
    change_id text NULL,
    settled boolean NOT NULL DEFAULT true,
    PRIMARY KEY (flow_name, incarnation, operation, token_hash)
);

-- The retention job deletes expired tokens of every flow in bulk.
CREATE INDEX flowgrains_tokens_expires_at ON flowgrains_tokens (expires_at);

-- One row per run. status is FlowGrains.Contracts.Executions.ExecutionStatus: 0 InProgress, 1 Successful,
-- 2 Error, 3 CancelStarted, 4 Canceled, 5 Skipped. spec, launched_by and resumes are what recovery needs
-- to run an unfinished run again; spec is cleared when the run ends.
CREATE TABLE flowgrains_runs (
    sequence bigint GENERATED ALWAYS AS IDENTITY,
    flow_name text NOT NULL,
    incarnation text NOT NULL,
    execution_id text NOT NULL,
    status smallint NOT NULL,
    started_at timestamptz NOT NULL,
    last_updated_at timestamptz NOT NULL,
    records_processed bigint NOT NULL DEFAULT 0,
    bytes_processed bigint NOT NULL DEFAULT 0,
    bytes_written bigint NOT NULL DEFAULT 0,
    put_failures bigint NULL,
    error_message text NULL,
    data_pull_start timestamptz NULL,
    data_pull_end timestamptz NULL,
    spec bytea NULL,
    launched_by text NULL,
    resumes integer NOT NULL DEFAULT 0,
    PRIMARY KEY (flow_name, incarnation, sequence),
    UNIQUE (flow_name, incarnation, execution_id)
);

-- An activation reads its unfinished runs; few rows ever match.
CREATE INDEX flowgrains_runs_unfinished ON flowgrains_runs (flow_name, incarnation) WHERE status IN (0, 3);

-- The retention job deletes finished runs past the retention, of every flow.
CREATE INDEX flowgrains_runs_last_updated_at ON flowgrains_runs (last_updated_at) WHERE status NOT IN (0, 3);
