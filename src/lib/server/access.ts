/**
 * Who may see a project. Shipped projects (no cohort) are open to every learner, guests too; a
 * coordinator's project is for their cohort's learners, its owner and admins. A project a user
 * may not see answers 404, so its existence is not given away.
 */
import { eq, isNull, or, type SQL } from 'drizzle-orm';
import type { Db } from './db';
import type { Project, User } from './db/schema';
import { projects } from './db/schema';

/**
 * The project with this id, or null. Project ids are what events may name
 * (src/lib/api/events.ts): a path segment that cannot be one is not looked up at all.
 */
export async function projectById(db: Pick<Db, 'select'>, id: string): Promise<Project | null> {
	if (!/^[a-z0-9-]{1,80}$/.test(id)) return null;
	const [project] = await db.select().from(projects).where(eq(projects.id, id));
	return project ?? null;
}

export function canSeeProject(user: User | null, project: Project): boolean {
	if (project.cohortId === null) return true;
	if (!user) return false;
	return user.role === 'admin' || project.ownerId === user.id || project.cohortId === user.cohortId;
}

/** The same rule as a WHERE clause, for lists a learner's phone reads. */
export function visibleProjects(user: User | null): SQL | undefined {
	if (user?.role === 'admin') return undefined;
	const open = isNull(projects.cohortId);
	const conditions = [open];
	if (user?.cohortId) conditions.push(eq(projects.cohortId, user.cohortId));
	if (user && !user.anonymous) conditions.push(eq(projects.ownerId, user.id));
	return or(...conditions);
}
