ALTER TABLE "assignments" DROP CONSTRAINT "assignments_team_id_teams_id_fk";
--> statement-breakpoint
ALTER TABLE "audit_log" DROP CONSTRAINT "audit_log_team_id_teams_id_fk";
--> statement-breakpoint
ALTER TABLE "change_log" DROP CONSTRAINT "change_log_team_id_teams_id_fk";
--> statement-breakpoint
ALTER TABLE "customers" DROP CONSTRAINT "customers_team_id_teams_id_fk";
--> statement-breakpoint
ALTER TABLE "interactions" DROP CONSTRAINT "interactions_team_id_teams_id_fk";
--> statement-breakpoint
ALTER TABLE "leads" DROP CONSTRAINT "leads_team_id_teams_id_fk";
--> statement-breakpoint
ALTER TABLE "mutations_applied" DROP CONSTRAINT "mutations_applied_team_id_teams_id_fk";
--> statement-breakpoint
ALTER TABLE "observations" DROP CONSTRAINT "observations_team_id_teams_id_fk";
