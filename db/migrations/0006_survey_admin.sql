CREATE TABLE "survey_mails_sent" (
	"survey_id" integer NOT NULL,
	"member_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"mail_date" text DEFAULT '' NOT NULL,
	"outbox_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "survey_mails_sent" ADD CONSTRAINT "survey_mails_sent_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_mails_sent" ADD CONSTRAINT "survey_mails_sent_member_id_members_id_fk" FOREIGN KEY ("member_id") REFERENCES "public"."members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "survey_mails_sent_uq" ON "survey_mails_sent" USING btree ("survey_id","member_id","kind","mail_date");