-- Cases as the court's case-management system assigns them; numbers are canonical 案号.
CREATE TABLE cases (
  id bigserial PRIMARY KEY,
  number text NOT NULL UNIQUE,
  title text NOT NULL DEFAULT '',
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE parties (
  case_id bigint NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  position integer NOT NULL,
  role text NOT NULL,
  name text NOT NULL,
  PRIMARY KEY (case_id, position)
);
CREATE INDEX parties_name ON parties (name);

CREATE TABLE case_judges (
  case_id bigint NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  position integer NOT NULL,
  role text NOT NULL,
  name text NOT NULL,
  PRIMARY KEY (case_id, position)
);

-- seq orders changes for GET /api/assignments?since=; writers take one advisory lock so seq order is commit order.
CREATE SEQUENCE assignment_seq;
CREATE TABLE case_assignments (
  case_id bigint NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  assignee_kind text NOT NULL CHECK (assignee_kind IN ('user', 'workstation')),
  assignee text NOT NULL,
  revoked boolean NOT NULL DEFAULT false,
  seq bigint NOT NULL,
  PRIMARY KEY (case_id, assignee_kind, assignee)
);
CREATE INDEX case_assignments_pull ON case_assignments (assignee_kind, assignee, seq);
