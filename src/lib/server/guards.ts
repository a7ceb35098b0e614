import type { Role } from '$lib/api/auth';
import type { User } from './db/schema';
import { ApiFailure } from './http';

export function requireUser(locals: App.Locals): User {
	if (!locals.user) {
		throw new ApiFailure(401, 'unauthenticated', 'No session: call POST /api/session first.');
	}
	return locals.user;
}

/** A signed-in account (not a guest) holding one of `roles`. */
export function requireRole(locals: App.Locals, ...roles: Role[]): User {
	const user = locals.user;
	if (!user || user.anonymous) throw new ApiFailure(401, 'unauthenticated', 'Log in first.');
	if (!roles.includes(user.role)) {
		throw new ApiFailure(403, 'forbidden', 'Your account may not do this.');
	}
	return user;
}

const STAFF: Role[] = ['coordinator', 'admin'];

/** Coordinators and admins: the people who run cohorts and projects. */
export function isStaff(user: User | null): boolean {
	return !!user && !user.anonymous && STAFF.includes(user.role);
}

export function requireStaff(locals: App.Locals): User {
	return requireRole(locals, ...STAFF);
}
