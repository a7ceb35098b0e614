/** The one JSON error shape every API endpoint answers with. */
export interface ApiError {
	error: { code: string; message: string };
}

export function isApiError(value: unknown): value is ApiError {
	if (typeof value !== 'object' || value === null || !('error' in value)) return false;
	const error = (value as { error: unknown }).error;
	return typeof error === 'object' && error !== null && 'code' in error && 'message' in error;
}
