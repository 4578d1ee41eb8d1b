-- Text primary keys are NOT NULL, as on PostgreSQL: SQLite lets a TEXT PRIMARY KEY hold
-- NULL unless it says NOT NULL, and these four did not (found by the schema comparison
-- test). SQLite cannot add NOT NULL to a column, so each table is rebuilt with its rows
-- and indexes; nothing references these tables.
CREATE TABLE sessions_rebuilt (
    id_hash TEXT NOT NULL PRIMARY KEY,
    staff_id BIGINT NOT NULL REFERENCES staff(id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
INSERT INTO sessions_rebuilt (id_hash, staff_id, csrf_token, created_at, expires_at)
    SELECT id_hash, staff_id, csrf_token, created_at, expires_at FROM sessions
    WHERE id_hash IS NOT NULL;
DROP TABLE sessions;
ALTER TABLE sessions_rebuilt RENAME TO sessions;
CREATE INDEX sessions_by_staff ON sessions (staff_id);

CREATE TABLE one_time_tokens_rebuilt (
    token_hash TEXT NOT NULL PRIMARY KEY,
    purpose TEXT NOT NULL,
    email TEXT NOT NULL,
    role TEXT,
    staff_id BIGINT,
    created_by BIGINT,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
INSERT INTO one_time_tokens_rebuilt
    (token_hash, purpose, email, role, staff_id, created_by, created_at, expires_at, used_at)
    SELECT token_hash, purpose, email, role, staff_id, created_by, created_at, expires_at, used_at
    FROM one_time_tokens WHERE token_hash IS NOT NULL;
DROP TABLE one_time_tokens;
ALTER TABLE one_time_tokens_rebuilt RENAME TO one_time_tokens;
-- The index 0008 made on the old table (also created here on PostgreSQL if missing).
CREATE INDEX IF NOT EXISTS one_time_tokens_by_purpose ON one_time_tokens (purpose, used_at);

CREATE TABLE login_throttle_rebuilt (
    throttle_key TEXT NOT NULL PRIMARY KEY,
    attempts BIGINT NOT NULL,
    window_ends BIGINT NOT NULL,
    window_started BIGINT NOT NULL
);
INSERT INTO login_throttle_rebuilt (throttle_key, attempts, window_ends, window_started)
    SELECT throttle_key, attempts, window_ends, window_started FROM login_throttle
    WHERE throttle_key IS NOT NULL;
DROP TABLE login_throttle;
ALTER TABLE login_throttle_rebuilt RENAME TO login_throttle;

CREATE TABLE job_effects_rebuilt (
    effect_key TEXT NOT NULL PRIMARY KEY,
    done_at BIGINT NOT NULL
);
INSERT INTO job_effects_rebuilt (effect_key, done_at)
    SELECT effect_key, done_at FROM job_effects WHERE effect_key IS NOT NULL;
DROP TABLE job_effects;
ALTER TABLE job_effects_rebuilt RENAME TO job_effects;
