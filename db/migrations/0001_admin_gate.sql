ALTER TABLE "admins" ADD COLUMN "totp_last_step" bigint;--> statement-breakpoint
CREATE INDEX "audit_log_union_idx" ON "audit_log" USING btree ("union_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_actor_idx" ON "audit_log" USING btree ("actor_type","actor_id","at");--> statement-breakpoint
CREATE INDEX "audit_log_target_idx" ON "audit_log" USING btree ("target","at");--> statement-breakpoint
CREATE INDEX "login_attempts_admin_idx" ON "login_attempts" USING btree ("admin_id","created_at");--> statement-breakpoint
CREATE INDEX "members_user_id_prefix_idx" ON "members" USING btree (lower("user_id") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "members_email_prefix_idx" ON "members" USING btree (lower("email") text_pattern_ops);--> statement-breakpoint
CREATE INDEX "roster_kana_prefix_idx" ON "roster_entries" USING btree ("union_id","kana_key" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "roster_number_idx" ON "roster_entries" USING btree ("union_id","number");