import type { User } from './db/schema';
import { ApiFailure } from './http';

export function requireUser(locals: App.Locals): User {
	if (!locals.user) {
		throw new ApiFailure(401, 'unauthenticated', 'No session: call POST /api/session first.');
	}
	return locals.user;
}
