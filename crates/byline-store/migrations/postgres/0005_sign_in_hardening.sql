-- Sign-in hardening.
-- A TOTP code is accepted once: the last accepted 30-second time step of each account.
ALTER TABLE staff ADD COLUMN totp_last_step BIGINT;
-- Throttling now counts every attempt (before the password is checked) in a window that
-- doubles while attempts keep using it up; the old failure counts do not carry over.
DELETE FROM login_throttle;
ALTER TABLE login_throttle RENAME COLUMN failures TO attempts;
ALTER TABLE login_throttle RENAME COLUMN updated_at TO window_started;
ALTER TABLE login_throttle RENAME COLUMN locked_until TO window_ends;
