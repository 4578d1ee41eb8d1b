-- Signed articles. The outlet's public signing keys with their validity periods (the
-- private keys live in files outside the database), and one signature per published
-- revision. Times are UTC seconds since the Unix epoch.
CREATE TABLE signing_keys (
    id TEXT NOT NULL PRIMARY KEY,
    -- The 32-byte Ed25519 public key, lower-case hex.
    public_key TEXT NOT NULL,
    valid_from BIGINT NOT NULL,
    valid_until BIGINT,
    -- 1 for the one current key, NULL for closed ones: the unique constraint lets two
    -- nodes racing to create the first key (or to rotate) end with exactly one current.
    current_slot BIGINT UNIQUE
);
CREATE TABLE article_signatures (
    article_id BIGINT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    key_id TEXT NOT NULL REFERENCES signing_keys(id),
    -- The manifest (JSON, without its proof) and the proof (JSON).
    manifest TEXT NOT NULL,
    proof TEXT NOT NULL,
    -- The canonical text the manifest's body_sha256 hashes (for verifiers' word diffs).
    canonical_text TEXT NOT NULL,
    signed_at BIGINT NOT NULL,
    PRIMARY KEY (article_id, version)
);
CREATE INDEX article_signatures_by_key ON article_signatures (key_id);
