-- Hand-written (drizzle-kit cannot express triggers): survey_responses.has_account and the
-- survey_progress_counts of 0011 follow every write, whoever runs it (opening, sign-ups, saves,
-- reviews, targets changed after opening, the next-year reset, seeds), in the same transaction.
--
-- 1. has_account on insert: a BEFORE row trigger looks the person's open account up. It first
--    takes FOR SHARE on the person's roster row; the members trigger below takes FOR NO KEY UPDATE
--    on the same row before it recomputes, so a response inserted while that person signs up (or
--    is closed) in another transaction waits for it and then sees its account, or the other way
--    round. (Statements in a plpgsql function each take a fresh snapshot in READ COMMITTED.)
CREATE OR REPLACE FUNCTION survey_responses_has_account() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM roster_entries WHERE id = NEW.insured_entry_id FOR SHARE;
  NEW.has_account := EXISTS (SELECT 1 FROM members m WHERE m.roster_entry_id = NEW.insured_entry_id AND m.disabled_at IS NULL AND m.closed_at IS NULL);
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER survey_responses_has_account BEFORE INSERT OR UPDATE OF insured_entry_id ON "survey_responses" FOR EACH ROW EXECUTE FUNCTION survey_responses_has_account();--> statement-breakpoint
-- 2. has_account afterwards: any INSERT, DELETE or UPDATE on members that opens or ends an open
--    account (sign-up, disable, re-enable, close, the reset of every account of a union) recomputes
--    the flag of that person's responses in every survey, under the roster row locks (in id order).
--    Other updates (logins, lockouts) find no person and leave at once.
CREATE OR REPLACE FUNCTION members_survey_has_account() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  persons bigint[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(DISTINCT roster_entry_id) INTO persons FROM new_rows WHERE disabled_at IS NULL AND closed_at IS NULL;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(DISTINCT roster_entry_id) INTO persons FROM old_rows WHERE disabled_at IS NULL AND closed_at IS NULL;
  ELSE
    SELECT array_agg(DISTINCT p) INTO persons FROM (
      SELECT o.roster_entry_id AS p FROM old_rows o JOIN new_rows n ON n.id = o.id
       WHERE o.roster_entry_id <> n.roster_entry_id OR (o.disabled_at IS NULL AND o.closed_at IS NULL) <> (n.disabled_at IS NULL AND n.closed_at IS NULL)
      UNION ALL
      SELECT n.roster_entry_id FROM old_rows o JOIN new_rows n ON n.id = o.id
       WHERE o.roster_entry_id <> n.roster_entry_id) x;
  END IF;
  IF persons IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM 1 FROM roster_entries WHERE id = ANY (persons) ORDER BY id FOR NO KEY UPDATE;
  UPDATE survey_responses r SET has_account = a.live
    FROM (SELECT p, EXISTS (SELECT 1 FROM members m WHERE m.roster_entry_id = p AND m.disabled_at IS NULL AND m.closed_at IS NULL) AS live
            FROM unnest(persons) p) a
   WHERE r.insured_entry_id = a.p AND r.has_account <> a.live;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER members_survey_has_account_insert AFTER INSERT ON "members" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION members_survey_has_account();--> statement-breakpoint
CREATE TRIGGER members_survey_has_account_update AFTER UPDATE ON "members" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION members_survey_has_account();--> statement-breakpoint
CREATE TRIGGER members_survey_has_account_delete AFTER DELETE ON "members" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION members_survey_has_account();--> statement-breakpoint
-- 3. The counters: one upsert per statement of the net change per (survey, status), in key order
--    (concurrent writers lock the counter rows in the same order). ON CONFLICT … DO UPDATE takes
--    the counter row's lock, so concurrent changes add up exactly; a rolled-back transaction takes
--    its change with it. A save that changes neither status, removed_at nor has_account nets to
--    nothing and touches no counter.
CREATE OR REPLACE FUNCTION survey_progress_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO survey_progress_counts AS c (survey_id, status, n, no_account)
      SELECT survey_id, status, count(*), count(*) FILTER (WHERE NOT has_account)
        FROM new_rows WHERE removed_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (survey_id, status) DO UPDATE SET n = c.n + excluded.n, no_account = c.no_account + excluded.no_account;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE survey_progress_counts AS c SET n = c.n - x.n, no_account = c.no_account - x.no_account
      FROM (SELECT survey_id, status, count(*) AS n, count(*) FILTER (WHERE NOT has_account) AS no_account
              FROM old_rows WHERE removed_at IS NULL GROUP BY 1, 2 ORDER BY 1, 2) x
     WHERE c.survey_id = x.survey_id AND c.status = x.status;
  ELSE
    INSERT INTO survey_progress_counts AS c (survey_id, status, n, no_account)
      SELECT survey_id, status, sum(d), coalesce(sum(d) FILTER (WHERE NOT has_account), 0)
        FROM (SELECT survey_id, status, has_account, 1 AS d FROM new_rows WHERE removed_at IS NULL
              UNION ALL
              SELECT survey_id, status, has_account, -1 FROM old_rows WHERE removed_at IS NULL) x
       GROUP BY 1, 2
      HAVING sum(d) <> 0 OR coalesce(sum(d) FILTER (WHERE NOT has_account), 0) <> 0
       ORDER BY 1, 2
    ON CONFLICT (survey_id, status) DO UPDATE SET n = c.n + excluded.n, no_account = c.no_account + excluded.no_account;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER survey_responses_counts_insert AFTER INSERT ON "survey_responses" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION survey_progress_counts_apply();--> statement-breakpoint
CREATE TRIGGER survey_responses_counts_update AFTER UPDATE ON "survey_responses" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION survey_progress_counts_apply();--> statement-breakpoint
CREATE TRIGGER survey_responses_counts_delete AFTER DELETE ON "survey_responses" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION survey_progress_counts_apply();--> statement-breakpoint
-- Rows that exist before the triggers.
UPDATE survey_responses r SET has_account = true
 WHERE EXISTS (SELECT 1 FROM members m WHERE m.roster_entry_id = r.insured_entry_id AND m.disabled_at IS NULL AND m.closed_at IS NULL);--> statement-breakpoint
DELETE FROM survey_progress_counts;--> statement-breakpoint
INSERT INTO survey_progress_counts (survey_id, status, n, no_account)
  SELECT survey_id, status, count(*), count(*) FILTER (WHERE NOT has_account) FROM survey_responses WHERE removed_at IS NULL GROUP BY 1, 2;
