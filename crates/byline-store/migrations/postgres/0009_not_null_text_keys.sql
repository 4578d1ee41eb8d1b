-- Text primary keys are NOT NULL: on PostgreSQL they always were (a primary key implies
-- it); the SQLite migration of the same number rebuilds its four tables to match.
-- Both backends get 0008's setup-token index here if it is not there yet, so the two
-- schemas stay equal whichever order the migrations landed in.
CREATE INDEX IF NOT EXISTS one_time_tokens_by_purpose ON one_time_tokens (purpose, used_at);
