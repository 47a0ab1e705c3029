CREATE TABLE "api_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"team_id" uuid NOT NULL,
	"member_handle" text NOT NULL,
	"token_hash" text NOT NULL,
	"hint" text NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "assignments" (
	"team_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_key" text NOT NULL,
	"post_key" text NOT NULL,
	"post" jsonb NOT NULL,
	"stage" text NOT NULL,
	"department" text NOT NULL,
	"assignee" text,
	"status" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer NOT NULL,
	"route_requested" boolean DEFAULT false NOT NULL,
	CONSTRAINT "assignments_team_id_id_pk" PRIMARY KEY("team_id","id")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "audit_log_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"team_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "change_log" (
	"team_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"kind" text NOT NULL,
	"record_id" uuid,
	"customer_key" text NOT NULL,
	"payload" jsonb NOT NULL,
	CONSTRAINT "change_log_team_id_seq_pk" PRIMARY KEY("team_id","seq")
);
--> statement-breakpoint
CREATE TABLE "customers" (
	"team_id" uuid NOT NULL,
	"key" text NOT NULL,
	"site" text NOT NULL,
	"handle" text NOT NULL,
	"display_name" text NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"last_stage" text NOT NULL,
	CONSTRAINT "customers_team_id_key_pk" PRIMARY KEY("team_id","key")
);
--> statement-breakpoint
CREATE TABLE "interactions" (
	"team_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_key" text NOT NULL,
	"post_key" text NOT NULL,
	"post" jsonb NOT NULL,
	"kind" text NOT NULL,
	"note" text NOT NULL,
	"stage" text NOT NULL,
	"department" text NOT NULL,
	"member_handle" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "interactions_team_id_id_pk" PRIMARY KEY("team_id","id")
);
--> statement-breakpoint
CREATE TABLE "leads" (
	"team_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_key" text NOT NULL,
	"source" jsonb NOT NULL,
	"status" text NOT NULL,
	"owner" text NOT NULL,
	"note" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"version" integer NOT NULL,
	CONSTRAINT "leads_team_id_id_pk" PRIMARY KEY("team_id","id")
);
--> statement-breakpoint
CREATE TABLE "members" (
	"team_id" uuid NOT NULL,
	"handle" text NOT NULL,
	"display_name" text NOT NULL,
	"department" text NOT NULL,
	"role" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "members_team_id_handle_pk" PRIMARY KEY("team_id","handle")
);
--> statement-breakpoint
CREATE TABLE "mutations_applied" (
	"team_id" uuid NOT NULL,
	"mutation_id" uuid NOT NULL,
	"type" text NOT NULL,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mutations_applied_team_id_mutation_id_pk" PRIMARY KEY("team_id","mutation_id")
);
--> statement-breakpoint
CREATE TABLE "observations" (
	"team_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"customer_key" text NOT NULL,
	"post_key" text NOT NULL,
	"post" jsonb NOT NULL,
	"stage" text NOT NULL,
	"department" text NOT NULL,
	"confidence" double precision NOT NULL,
	"observed_at" timestamp with time zone NOT NULL,
	"observed_by" text NOT NULL,
	CONSTRAINT "observations_team_id_id_pk" PRIMARY KEY("team_id","id")
);
--> statement-breakpoint
CREATE TABLE "presence_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "presence_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"team_id" uuid NOT NULL,
	"origin" text NOT NULL,
	"event" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "routing_state" (
	"team_id" uuid NOT NULL,
	"department" text NOT NULL,
	"last_handle" text,
	CONSTRAINT "routing_state_team_id_department_pk" PRIMARY KEY("team_id","department")
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"team_id" uuid PRIMARY KEY NOT NULL,
	"settings" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"seq" bigint DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_team_id_member_handle_members_team_id_handle_fk" FOREIGN KEY ("team_id","member_handle") REFERENCES "members"("team_id","handle") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assignments" ADD CONSTRAINT "assignments_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_log" ADD CONSTRAINT "change_log_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customers" ADD CONSTRAINT "customers_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interactions" ADD CONSTRAINT "interactions_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leads" ADD CONSTRAINT "leads_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "members" ADD CONSTRAINT "members_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mutations_applied" ADD CONSTRAINT "mutations_applied_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "observations" ADD CONSTRAINT "observations_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "presence_events" ADD CONSTRAINT "presence_events_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_state" ADD CONSTRAINT "routing_state_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_tokens_hash_idx" ON "api_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "api_tokens_team_idx" ON "api_tokens" USING btree ("team_id","member_handle");--> statement-breakpoint
CREATE INDEX "assignments_customer_idx" ON "assignments" USING btree ("team_id","customer_key");--> statement-breakpoint
CREATE INDEX "assignments_queue_idx" ON "assignments" USING btree ("team_id","department","status","assignee");--> statement-breakpoint
CREATE INDEX "audit_log_team_idx" ON "audit_log" USING btree ("team_id","id");--> statement-breakpoint
CREATE INDEX "change_log_customer_idx" ON "change_log" USING btree ("team_id","customer_key");--> statement-breakpoint
CREATE INDEX "customers_recent_idx" ON "customers" USING btree ("team_id","last_seen_at");--> statement-breakpoint
CREATE INDEX "interactions_customer_idx" ON "interactions" USING btree ("team_id","customer_key");--> statement-breakpoint
CREATE INDEX "interactions_recent_idx" ON "interactions" USING btree ("team_id","created_at");--> statement-breakpoint
CREATE INDEX "leads_customer_idx" ON "leads" USING btree ("team_id","customer_key");--> statement-breakpoint
CREATE INDEX "observations_customer_idx" ON "observations" USING btree ("team_id","customer_key");--> statement-breakpoint
CREATE INDEX "presence_events_at_idx" ON "presence_events" USING btree ("at");