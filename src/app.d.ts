import type { Db } from '$lib/server/db';
import type { User } from '$lib/server/db/schema';

declare global {
	namespace App {
		interface Locals {
			/** The process-wide database, handed to every request by hooks.server.ts. */
			db: Db;
			user: User | null;
		}
		interface Error {
			message: string;
			code: string;
		}
	}
}

export {};
