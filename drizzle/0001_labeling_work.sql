CREATE TABLE "leases" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"task_id" text NOT NULL,
	"project_id" text NOT NULL,
	"leased_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
DROP INDEX "tasks_project_idx";--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "redundancy" integer DEFAULT 3 NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "gold_share" real DEFAULT 0.2 NOT NULL;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "pass_at" real DEFAULT 0.8 NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "kind" text DEFAULT 'training' NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ALTER COLUMN "kind" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "leases" ADD CONSTRAINT "leases_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leases" ADD CONSTRAINT "leases_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "leases" ADD CONSTRAINT "leases_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "leases_user_task_idx" ON "leases" USING btree ("user_id","task_id");--> statement-breakpoint
CREATE INDEX "leases_task_idx" ON "leases" USING btree ("task_id");--> statement-breakpoint
CREATE INDEX "leases_user_project_idx" ON "leases" USING btree ("user_id","project_id");--> statement-breakpoint
CREATE INDEX "tasks_project_idx" ON "tasks" USING btree ("project_id","kind","position");--> statement-breakpoint
ALTER TABLE "projects" DROP COLUMN "mode";