import { error } from '@sveltejs/kit';
import { publicCertificate } from '$lib/server/certificates';
import type { PageServerLoad } from './$types';

export const prerender = false;

export const load: PageServerLoad = async ({ params, locals, setHeaders }) => {
	// The token is the key to the page: no referrer leaks it to linked sites, no index keeps it.
	setHeaders({
		'referrer-policy': 'no-referrer',
		'x-robots-tag': 'noindex',
		'cache-control': 'no-store'
	});
	const certificate = await publicCertificate(locals.db, params.token);
	if (!certificate) error(404, { code: 'not_found', message: 'No certificate has this link.' });
	return { certificate };
};
