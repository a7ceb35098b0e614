/**
 * Skills certificates: a learner's measured work, on a public page whose unguessable link the
 * learner shares with an employer and can withdraw at any time.
 */
import { randomBytes } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { CertificateInfo } from '$lib/api/auth';
import type { LearnerReport } from '$lib/progress/learner-report';
import type { Db } from './db';
import { certificates, cohorts, users } from './db/schema';
import { learnerReportOf } from './reports';

export const CERTIFICATE_PATH = '/certificates/';

function info(row: { token: string; createdAt: Date } | undefined): CertificateInfo {
	return {
		certificate: row
			? { url: CERTIFICATE_PATH + row.token, createdAt: row.createdAt.toISOString() }
			: null
	};
}

async function active(db: Db, userId: string) {
	const [row] = await db
		.select()
		.from(certificates)
		.where(and(eq(certificates.userId, userId), isNull(certificates.revokedAt)))
		.orderBy(desc(certificates.createdAt))
		.limit(1);
	return row;
}

export async function certificateOf(db: Db, userId: string): Promise<CertificateInfo> {
	return info(await active(db, userId));
}

/** The learner's live link, made when there is none: sharing twice gives the same link. */
export async function shareCertificate(db: Db, userId: string): Promise<CertificateInfo> {
	const existing = await active(db, userId);
	if (existing) return info(existing);
	// 128 random bits: the link is the only key to the page.
	const token = randomBytes(16).toString('base64url');
	const [row] = await db.insert(certificates).values({ token, userId }).returning();
	return info(row);
}

/** Withdraws every live link of the learner; the old pages then say so. */
export async function revokeCertificates(db: Db, userId: string, now = new Date()) {
	await db
		.update(certificates)
		.set({ revokedAt: now })
		.where(and(eq(certificates.userId, userId), isNull(certificates.revokedAt)));
}

export type PublicCertificate =
	| { status: 'revoked' }
	| {
			status: 'live';
			displayName: string;
			cohort: string | null;
			sharedAt: Date;
			measuredAt: Date;
			report: LearnerReport;
	  };

/** What the public page shows; null for a token that never existed. */
export async function publicCertificate(
	db: Db,
	token: string,
	now = new Date()
): Promise<PublicCertificate | null> {
	if (!/^[A-Za-z0-9_-]{22}$/.test(token)) return null;
	const [row] = await db
		.select({
			revokedAt: certificates.revokedAt,
			createdAt: certificates.createdAt,
			userId: users.id,
			displayName: users.displayName,
			username: users.username,
			cohort: cohorts.name
		})
		.from(certificates)
		.innerJoin(users, eq(users.id, certificates.userId))
		.leftJoin(cohorts, eq(cohorts.id, users.cohortId))
		.where(eq(certificates.token, token));
	if (!row) return null;
	if (row.revokedAt) return { status: 'revoked' };
	return {
		status: 'live',
		displayName: row.displayName ?? row.username ?? '',
		cohort: row.cohort,
		sharedAt: row.createdAt,
		measuredAt: now,
		report: await learnerReportOf(db, row.userId, now)
	};
}
