-- Hand-written (drizzle-kit cannot express triggers): the dashboard counters of 0008 follow every
-- INSERT and DELETE on members and terms_consents, whoever runs it (sign-up, seeds, scripts), in
-- the same transaction. Statement triggers with transition tables add one upsert per statement
-- (a bulk insert is counted in one go); ON CONFLICT … DO UPDATE takes the counter row's lock, so
-- concurrent sign-ups add up exactly. A row trigger moves a count when an UPDATE changes the
-- counted columns (tests and seeds back-date created_at); other updates (logins) do not fire it.
CREATE OR REPLACE FUNCTION signup_counts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO signup_counts AS c (union_id, day, n)
    SELECT union_id, (created_at AT TIME ZONE 'Asia/Tokyo')::date, count(*) FROM new_rows GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (union_id, day) DO UPDATE SET n = c.n + excluded.n;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION signup_counts_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE signup_counts AS c SET n = c.n - o.n
    FROM (SELECT union_id, (created_at AT TIME ZONE 'Asia/Tokyo')::date AS day, count(*) AS n FROM old_rows GROUP BY 1, 2) o
   WHERE c.union_id = o.union_id AND c.day = o.day;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER members_signup_counts_add AFTER INSERT ON "members" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION signup_counts_add();--> statement-breakpoint
CREATE TRIGGER members_signup_counts_remove AFTER DELETE ON "members" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION signup_counts_remove();--> statement-breakpoint
CREATE OR REPLACE FUNCTION signup_counts_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE signup_counts SET n = n - 1 WHERE union_id = OLD.union_id AND day = (OLD.created_at AT TIME ZONE 'Asia/Tokyo')::date;
  INSERT INTO signup_counts AS c (union_id, day, n) VALUES (NEW.union_id, (NEW.created_at AT TIME ZONE 'Asia/Tokyo')::date, 1)
  ON CONFLICT (union_id, day) DO UPDATE SET n = c.n + 1;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER members_signup_counts_move AFTER UPDATE OF union_id, created_at ON "members" FOR EACH ROW
  WHEN (OLD.union_id IS DISTINCT FROM NEW.union_id OR OLD.created_at IS DISTINCT FROM NEW.created_at) EXECUTE FUNCTION signup_counts_move();--> statement-breakpoint
CREATE OR REPLACE FUNCTION terms_consent_counts_move() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE terms_consent_counts SET n = n - 1 WHERE terms_version_id = OLD.terms_version_id;
  INSERT INTO terms_consent_counts AS c (terms_version_id, n) VALUES (NEW.terms_version_id, 1)
  ON CONFLICT (terms_version_id) DO UPDATE SET n = c.n + 1;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION terms_consent_counts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO terms_consent_counts AS c (terms_version_id, n)
    SELECT terms_version_id, count(*) FROM new_rows GROUP BY 1 ORDER BY 1
  ON CONFLICT (terms_version_id) DO UPDATE SET n = c.n + excluded.n;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION terms_consent_counts_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE terms_consent_counts AS c SET n = c.n - o.n
    FROM (SELECT terms_version_id, count(*) AS n FROM old_rows GROUP BY 1) o
   WHERE c.terms_version_id = o.terms_version_id;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER terms_consents_counts_add AFTER INSERT ON "terms_consents" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION terms_consent_counts_add();--> statement-breakpoint
CREATE TRIGGER terms_consents_counts_remove AFTER DELETE ON "terms_consents" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION terms_consent_counts_remove();--> statement-breakpoint
CREATE TRIGGER terms_consents_counts_move AFTER UPDATE OF terms_version_id ON "terms_consents" FOR EACH ROW
  WHEN (OLD.terms_version_id IS DISTINCT FROM NEW.terms_version_id) EXECUTE FUNCTION terms_consent_counts_move();--> statement-breakpoint
-- Rows that exist before the triggers.
INSERT INTO signup_counts (union_id, day, n)
  SELECT union_id, (created_at AT TIME ZONE 'Asia/Tokyo')::date, count(*) FROM members GROUP BY 1, 2;--> statement-breakpoint
INSERT INTO terms_consent_counts (terms_version_id, n)
  SELECT terms_version_id, count(*) FROM terms_consents GROUP BY 1;
--> statement-breakpoint
-- An account closed by a next-year reset stops being an account and its consents stop counting;
-- its sign-up day stays in the chart (it did sign up). Transition tables allow no column list, so
-- this statement trigger sees every UPDATE on members and picks out the rows that became closed.
CREATE OR REPLACE FUNCTION members_closed_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Most updates (logins, lockouts) close nothing: leave before touching terms_consents.
  IF NOT EXISTS (SELECT 1 FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE o.closed_at IS NULL AND n.closed_at IS NOT NULL) THEN
    RETURN NULL;
  END IF;
  UPDATE signup_counts AS c SET closed = c.closed + x.n
    FROM (SELECT n.union_id, (n.created_at AT TIME ZONE 'Asia/Tokyo')::date AS day, count(*) AS n
            FROM new_rows n JOIN old_rows o ON o.id = n.id
           WHERE o.closed_at IS NULL AND n.closed_at IS NOT NULL GROUP BY 1, 2) x
   WHERE c.union_id = x.union_id AND c.day = x.day;
  UPDATE terms_consent_counts AS c SET n = c.n - x.n
    FROM (SELECT tc.terms_version_id, count(*) AS n
            FROM terms_consents tc JOIN new_rows n ON n.id = tc.member_id JOIN old_rows o ON o.id = n.id
           WHERE o.closed_at IS NULL AND n.closed_at IS NOT NULL GROUP BY 1) x
   WHERE c.terms_version_id = x.terms_version_id;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER members_closed_counts AFTER UPDATE ON "members" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION members_closed_counts();--> statement-breakpoint
UPDATE signup_counts AS c SET closed = x.n
  FROM (SELECT union_id, (created_at AT TIME ZONE 'Asia/Tokyo')::date AS day, count(*) AS n FROM members WHERE closed_at IS NOT NULL GROUP BY 1, 2) x
 WHERE c.union_id = x.union_id AND c.day = x.day;--> statement-breakpoint
UPDATE terms_consent_counts AS c SET n = c.n - x.n
  FROM (SELECT tc.terms_version_id, count(*) AS n FROM terms_consents tc JOIN members m ON m.id = tc.member_id WHERE m.closed_at IS NOT NULL GROUP BY 1) x
 WHERE c.terms_version_id = x.terms_version_id;
