import { isStaff } from '$lib/server/guards';
import { LOGIN_PATH, staffOf } from './staff.server';
import type { LayoutServerLoad } from './$types';

// The console is online-only and rendered on the server for each request (the learner app is
// prerendered instead); this says so explicitly, whatever a parent layout sets.
export const prerender = false;
export const ssr = true;

export const load: LayoutServerLoad = async ({ locals, url, setHeaders }) => {
	// Pages of learners' data: never kept by a shared cache or the browser's back-forward cache.
	setHeaders({ 'cache-control': 'no-store' });
	const user = url.pathname === LOGIN_PATH && !isStaff(locals.user) ? null : staffOf(locals, url);
	return {
		staff: user && {
			displayName: user.displayName ?? user.username ?? '',
			username: user.username ?? '',
			role: user.role
		}
	};
};
