CREATE TABLE "survey_day_counts" (
	"survey_id" integer NOT NULL,
	"day" date NOT NULL,
	"submitted" integer DEFAULT 0 NOT NULL,
	"approved" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "survey_day_counts_survey_id_day_pk" PRIMARY KEY("survey_id","day")
);
--> statement-breakpoint
ALTER TABLE "survey_day_counts" ADD CONSTRAINT "survey_day_counts_survey_id_surveys_id_fk" FOREIGN KEY ("survey_id") REFERENCES "public"."surveys"("id") ON DELETE cascade ON UPDATE no action;