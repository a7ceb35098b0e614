/** Requests of /api/projects/[id]/lease and /status; the responses are in ./packs.ts. */
import * as v from 'valibot';
import { LOCALES } from '$lib/i18n/locales';

/** The learner's language decides which translation checks are theirs. */
export const LeaseRequest = v.strictObject({ locale: v.picklist(LOCALES) });
export const StatusQuery = v.strictObject({ locale: v.picklist(LOCALES) });
