/**
 * Who may see a project. Shipped projects (no cohort) are open to every learner, guests too; a
 * coordinator's project is for their cohort's learners, its owner and admins. A project a user
 * may not see answers 404, so its existence is not given away.
 */
import { eq, isNull, or, type SQL } from 'drizzle-orm';
import type { Project, User } from './db/schema';
import { projects } from './db/schema';

/** Project ids are what events may name (src/lib/api/events.ts); anything else is not one. */
export function isProjectId(id: string): boolean {
	return /^[a-z0-9-]{1,80}$/.test(id);
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
