import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import * as certificates from '$lib/server/certificates';
import { requireRole } from '$lib/server/guards';
import { endpoint, readJson } from '$lib/server/http';
import type { RequestHandler } from './$types';

/** The learner's own certificate link: read, share (POST) and withdraw (DELETE). */
export const GET: RequestHandler = endpoint(async ({ locals }) => {
	const user = requireRole(locals, 'learner');
	return json(await certificates.certificateOf(locals.db, user.id));
});

export const POST: RequestHandler = endpoint(async ({ locals, request }) => {
	const user = requireRole(locals, 'learner');
	await readJson(request, v.strictObject({}), 256);
	return json(await certificates.shareCertificate(locals.db, user.id), { status: 201 });
});

export const DELETE: RequestHandler = endpoint(async ({ locals }) => {
	const user = requireRole(locals, 'learner');
	await certificates.revokeCertificates(locals.db, user.id);
	return json({ certificate: null });
});
