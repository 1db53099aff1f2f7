DROP INDEX "members_user_id_uq";--> statement-breakpoint
DROP INDEX "members_roster_entry_uq";--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "closed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "members" ADD COLUMN "closed_reason" text;--> statement-breakpoint
ALTER TABLE "survey_responses" ADD COLUMN "removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "unions" ADD COLUMN "document_retention_days" integer DEFAULT 365 NOT NULL;--> statement-breakpoint
CREATE INDEX "members_roster_entry_idx" ON "members" USING btree ("roster_entry_id");--> statement-breakpoint
CREATE INDEX "survey_responses_progress_idx" ON "survey_responses" USING btree ("survey_id","status","insured_entry_id") WHERE "survey_responses"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "survey_responses_submitted_idx" ON "survey_responses" USING btree ("survey_id","submitted_at") WHERE "survey_responses"."submitted_at" is not null and "survey_responses"."removed_at" is null;--> statement-breakpoint
CREATE INDEX "survey_responses_approved_idx" ON "survey_responses" USING btree ("survey_id","approved_at") WHERE "survey_responses"."approved_at" is not null and "survey_responses"."removed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "members_user_id_uq" ON "members" USING btree (lower("user_id")) WHERE "members"."closed_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "members_roster_entry_uq" ON "members" USING btree ("roster_entry_id") WHERE "members"."closed_at" is null;