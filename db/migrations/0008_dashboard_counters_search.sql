CREATE TABLE "signup_counts" (
	"union_id" integer NOT NULL,
	"day" date NOT NULL,
	"n" integer NOT NULL,
	"closed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "signup_counts_union_id_day_pk" PRIMARY KEY("union_id","day")
);
--> statement-breakpoint
CREATE TABLE "terms_consent_counts" (
	"terms_version_id" integer PRIMARY KEY NOT NULL,
	"n" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "signup_counts" ADD CONSTRAINT "signup_counts_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "terms_consent_counts" ADD CONSTRAINT "terms_consent_counts_terms_version_id_terms_versions_id_fk" FOREIGN KEY ("terms_version_id") REFERENCES "public"."terms_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "roster_insured_kana_idx" ON "roster_entries" USING btree ("union_id","kana_key" text_pattern_ops,"symbol","number","id") WHERE "roster_entries"."is_insured";