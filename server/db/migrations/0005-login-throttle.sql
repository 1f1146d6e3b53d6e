-- Failed sign-ins per (user name, client address), shared by all instances. Enough failures in a row
-- lock that pair for a while (429 with Retry-After); a success clears the row.
CREATE TABLE login_failures (
  username text NOT NULL,
  address text NOT NULL,
  failures integer NOT NULL,
  last_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz,
  PRIMARY KEY (username, address)
);
CREATE INDEX login_failures_last ON login_failures (last_at);
