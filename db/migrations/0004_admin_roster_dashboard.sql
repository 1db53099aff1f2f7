CREATE TABLE "roster_uploads" (
	"id" text PRIMARY KEY NOT NULL,
	"union_id" integer NOT NULL,
	"admin_id" integer NOT NULL,
	"file_name" text NOT NULL,
	"path" text NOT NULL,
	"bytes" bigint NOT NULL,
	"replace" boolean NOT NULL,
	"status" text NOT NULL,
	"encoding" text,
	"rows" integer,
	"inserted" integer,
	"updated" integer,
	"unchanged" integer,
	"deactivated" integer,
	"error_count" integer,
	"errors" jsonb,
	"import_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "roster_imports" ADD COLUMN "admin_id" integer;--> statement-breakpoint
ALTER TABLE "roster_imports" ADD COLUMN "inserted" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "roster_imports" ADD COLUMN "updated" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "roster_imports" ADD COLUMN "unchanged" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "roster_uploads" ADD CONSTRAINT "roster_uploads_union_id_unions_id_fk" FOREIGN KEY ("union_id") REFERENCES "public"."unions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_uploads" ADD CONSTRAINT "roster_uploads_admin_id_admins_id_fk" FOREIGN KEY ("admin_id") REFERENCES "public"."admins"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roster_uploads" ADD CONSTRAINT "roster_uploads_import_id_roster_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."roster_imports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "roster_uploads_union_idx" ON "roster_uploads" USING btree ("union_id","created_at");--> statement-breakpoint
ALTER TABLE "roster_imports" ADD CONSTRAINT "roster_imports_admin_id_admins_id_fk" FOREIGN KEY ("admin_id") REFERENCES "public"."admins"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_log_union_id_idx" ON "audit_log" USING btree ("union_id","id");--> statement-breakpoint
CREATE INDEX "members_union_created_idx" ON "members" USING btree ("union_id","created_at");--> statement-breakpoint
CREATE INDEX "members_union_locked_idx" ON "members" USING btree ("union_id","locked_until") WHERE "members"."locked_until" is not null;--> statement-breakpoint
CREATE INDEX "roster_insured_active_idx" ON "roster_entries" USING btree ("union_id") WHERE "roster_entries"."is_insured" and "roster_entries"."active";--> statement-breakpoint
CREATE INDEX "roster_imports_union_idx" ON "roster_imports" USING btree ("union_id","created_at");--> statement-breakpoint
CREATE INDEX "terms_consent_version_idx" ON "terms_consents" USING btree ("terms_version_id");