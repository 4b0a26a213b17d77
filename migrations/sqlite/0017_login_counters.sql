-- Login throttling counts in `rate_counters` now (attempts counted before the password is
-- checked); the old failure table is gone.
DROP TABLE login_throttle;
