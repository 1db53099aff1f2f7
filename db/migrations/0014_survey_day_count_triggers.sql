-- Hand-written (drizzle-kit cannot express triggers): survey_day_counts of 0013 follow every
-- INSERT, UPDATE and DELETE on survey_responses in the same transaction, like the progress counts
-- (survey_progress_triggers): per statement, the net change per (survey, Japan day) of live
-- responses submitted and approved on that day, upserted in key order. A submission moves its
-- household from the day of its previous submission to today; a send-back keeps its submitted_at,
-- taking a household out (removed_at) takes it off its days. Updates that change neither
-- submitted_at, approved_at nor removed_at net to nothing and lock no counter.
CREATE OR REPLACE FUNCTION survey_day_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO survey_day_counts AS c (survey_id, day, submitted, approved)
      SELECT survey_id, day, sum(s), sum(a) FROM (
        SELECT survey_id, (submitted_at AT TIME ZONE 'Asia/Tokyo')::date AS day, 1 AS s, 0 AS a FROM new_rows WHERE submitted_at IS NOT NULL AND removed_at IS NULL
        UNION ALL
        SELECT survey_id, (approved_at AT TIME ZONE 'Asia/Tokyo')::date, 0, 1 FROM new_rows WHERE approved_at IS NOT NULL AND removed_at IS NULL) x
      GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (survey_id, day) DO UPDATE SET submitted = c.submitted + excluded.submitted, approved = c.approved + excluded.approved;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO survey_day_counts AS c (survey_id, day, submitted, approved)
      SELECT survey_id, day, sum(s), sum(a) FROM (
        SELECT survey_id, (submitted_at AT TIME ZONE 'Asia/Tokyo')::date AS day, -1 AS s, 0 AS a FROM old_rows WHERE submitted_at IS NOT NULL AND removed_at IS NULL
        UNION ALL
        SELECT survey_id, (approved_at AT TIME ZONE 'Asia/Tokyo')::date, 0, -1 FROM old_rows WHERE approved_at IS NOT NULL AND removed_at IS NULL) x
      GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (survey_id, day) DO UPDATE SET submitted = c.submitted + excluded.submitted, approved = c.approved + excluded.approved;
  ELSE
    INSERT INTO survey_day_counts AS c (survey_id, day, submitted, approved)
      SELECT survey_id, day, sum(s), sum(a) FROM (
        SELECT survey_id, (submitted_at AT TIME ZONE 'Asia/Tokyo')::date AS day, 1 AS s, 0 AS a FROM new_rows WHERE submitted_at IS NOT NULL AND removed_at IS NULL
        UNION ALL
        SELECT survey_id, (approved_at AT TIME ZONE 'Asia/Tokyo')::date, 0, 1 FROM new_rows WHERE approved_at IS NOT NULL AND removed_at IS NULL
        UNION ALL
        SELECT survey_id, (submitted_at AT TIME ZONE 'Asia/Tokyo')::date, -1, 0 FROM old_rows WHERE submitted_at IS NOT NULL AND removed_at IS NULL
        UNION ALL
        SELECT survey_id, (approved_at AT TIME ZONE 'Asia/Tokyo')::date, 0, -1 FROM old_rows WHERE approved_at IS NOT NULL AND removed_at IS NULL) x
      GROUP BY 1, 2 HAVING sum(s) <> 0 OR sum(a) <> 0 ORDER BY 1, 2
    ON CONFLICT (survey_id, day) DO UPDATE SET submitted = c.submitted + excluded.submitted, approved = c.approved + excluded.approved;
  END IF;
  RETURN NULL;
END;
$$;--> statement-breakpoint
CREATE TRIGGER survey_responses_day_counts_insert AFTER INSERT ON "survey_responses" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION survey_day_counts_apply();--> statement-breakpoint
CREATE TRIGGER survey_responses_day_counts_update AFTER UPDATE ON "survey_responses" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION survey_day_counts_apply();--> statement-breakpoint
CREATE TRIGGER survey_responses_day_counts_delete AFTER DELETE ON "survey_responses" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION survey_day_counts_apply();--> statement-breakpoint
-- Rows that exist before the triggers.
INSERT INTO survey_day_counts (survey_id, day, submitted, approved)
  SELECT survey_id, day, sum(s), sum(a) FROM (
    SELECT survey_id, (submitted_at AT TIME ZONE 'Asia/Tokyo')::date AS day, 1 AS s, 0 AS a FROM survey_responses WHERE submitted_at IS NOT NULL AND removed_at IS NULL
    UNION ALL
    SELECT survey_id, (approved_at AT TIME ZONE 'Asia/Tokyo')::date, 0, 1 FROM survey_responses WHERE approved_at IS NOT NULL AND removed_at IS NULL) x
  GROUP BY 1, 2;
