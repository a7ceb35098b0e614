/**
 * Requests and responses of the account endpoints, shared by the phone and the server:
 * POST /api/auth/join, /api/auth/login, /api/auth/logout, GET /api/session and /api/certificate.
 */
import * as v from 'valibot';
import { noNul } from './nul';

export const ROLES = ['learner', 'coordinator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Letters, digits, dot, dash and underscore: a username must be easy to say and type. */
export const Username = v.pipe(
	v.string(),
	v.trim(),
	v.toLowerCase(),
	v.minLength(3, 'a username has at least 3 characters'),
	v.maxLength(32, 'a username has at most 32 characters'),
	v.regex(/^[a-z0-9._-]+$/, 'a username uses only letters a–z, digits, dot, dash and underscore')
);

/** Long enough to resist guessing, short enough not to be a denial of service for argon2. */
export const Password = v.pipe(
	v.string(),
	v.minLength(8, 'a password has at least 8 characters'),
	v.maxLength(200, 'a password has at most 200 characters')
);

export const DisplayName = v.pipe(
	v.string(),
	v.trim(),
	noNul(),
	v.minLength(1, 'a display name must not be empty'),
	v.maxLength(60, 'a display name has at most 60 characters')
);

/** Join codes are shown to learners in groups of four, e.g. "K7PM-3QXD"; case and dashes are free. */
export const JoinCode = v.pipe(
	v.string(),
	v.trim(),
	v.toUpperCase(),
	v.transform((code) => code.replace(/[\s-]/g, '')),
	v.regex(/^[A-Z0-9]{8}$/, 'a join code has 8 letters and digits')
);

export const JoinRequest = v.strictObject({
	code: JoinCode,
	displayName: DisplayName,
	username: Username,
	password: Password
});
export type JoinRequest = v.InferInput<typeof JoinRequest>;

export const LoginRequest = v.strictObject({
	username: Username,
	password: v.pipe(v.string(), v.minLength(1), v.maxLength(200))
});
export type LoginRequest = v.InferInput<typeof LoginRequest>;

export interface Account {
	username: string;
	displayName: string;
	role: Role;
	cohort: { id: string; name: string } | null;
}

/** GET /api/session, and the answer of join and login. A guest has no account. */
export interface SessionInfo {
	learnerId: string;
	account: Account | null;
}

/** GET and POST /api/certificate: the learner's public skills page, when shared. */
export interface CertificateInfo {
	certificate: { url: string; createdAt: string } | null;
}

export const MAX_AUTH_BODY_BYTES = 4 * 1024;
