CREATE TABLE "interaction_retractions" (
	"team_id" uuid NOT NULL,
	"interaction_id" uuid NOT NULL,
	"retracted_by" text NOT NULL,
	"retracted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interaction_retractions_team_id_interaction_id_pk" PRIMARY KEY("team_id","interaction_id")
);
--> statement-breakpoint
ALTER TABLE "interaction_retractions" ADD CONSTRAINT "interaction_retractions_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interaction_retractions" ADD CONSTRAINT "interaction_retractions_team_id_interaction_id_interactions_team_id_id_fk" FOREIGN KEY ("team_id","interaction_id") REFERENCES "interactions"("team_id","id") ON DELETE cascade ON UPDATE no action;