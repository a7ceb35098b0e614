/** Request and response shapes of /api/sync, shared by the sync client and the endpoint. */
import * as v from 'valibot';
import { EVENT_TYPES, type LearnerEvent } from './events';

export const MAX_BATCH_EVENTS = 200;
export const MAX_BODY_BYTES = 512 * 1024;
export const MAX_PULL_LIMIT = 500;

/**
 * The batch envelope. Each event's own fields are checked one by one so that a mixed batch
 * acks the good events; an event of a type this server does not know fails the whole request.
 */
export const PushRequest = v.strictObject({
	events: v.pipe(
		v.array(
			v.looseObject({
				type: v.picklist(EVENT_TYPES, 'unknown event type')
			})
		),
		v.minLength(1),
		v.maxLength(MAX_BATCH_EVENTS)
	)
});

export const EVENT_STATUSES = ['accepted', 'duplicate', 'rejected'] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

export const EventResult = v.object({
	index: v.number(),
	id: v.nullable(v.string()),
	status: v.picklist(EVENT_STATUSES),
	reason: v.optional(v.string())
});
export type EventResult = v.InferOutput<typeof EventResult>;

export const PushResponse = v.object({ results: v.array(EventResult) });
export type PushResponse = v.InferOutput<typeof PushResponse>;

export interface PulledEvent {
	id: string;
	type: LearnerEvent['type'];
	createdAt: string;
	payload: LearnerEvent['payload'];
	seq: number;
}

export interface PullResponse {
	events: PulledEvent[];
	/** Pass as `after` to get what came next. */
	cursor: number;
	more: boolean;
}

export const PullQuery = v.object({
	after: v.optional(
		v.pipe(v.string(), v.regex(/^\d{1,15}$/, 'after must be a whole number'), v.transform(Number)),
		'0'
	),
	limit: v.optional(
		v.pipe(
			v.string(),
			v.regex(/^\d{1,4}$/, 'limit must be a whole number'),
			v.transform(Number),
			v.minValue(1),
			v.maxValue(MAX_PULL_LIMIT)
		),
		'200'
	)
});

export interface Identity {
	learnerId: string;
}
