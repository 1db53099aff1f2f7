CREATE TABLE "survey_progress_counts" (
	"survey_id" integer NOT NULL,
	"status" text NOT NULL,
	"n" integer DEFAULT 0 NOT NULL,
	"no_account" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "survey_progress_counts_survey_id_status_pk" PRIMARY KEY("survey_id","status")
);
--> statement-breakpoint
ALTER TABLE "survey_responses" ADD COLUMN "has_account" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "survey_progress_counts" ADD CONSTRAINT "survey_progress_counts_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "survey_mails_sent_day_idx" ON "survey_mails_sent" USING btree ("survey_id","kind","mail_date","member_id");--> statement-breakpoint
CREATE INDEX "survey_responses_insured_idx" ON "survey_responses" USING btree ("insured_entry_id");