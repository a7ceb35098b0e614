import type { Db } from './db';
import { users } from './db/schema';

/** A learner before accounts exist: a server-made id, bound to the device by its session. */
export async function createAnonymous(db: Db): Promise<string> {
	const [row] = await db.insert(users).values({ role: 'learner', anonymous: true }).returning();
	if (!row) throw new Error('insert into users returned nothing');
	return row.id;
}
