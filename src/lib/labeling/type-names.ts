/**
 * Task type names for people outside the app: employers on a certificate, coordinators in the
 * console. The learner's app names types through its messages instead.
 */
import type { TaskType } from './types';

export const TASK_TYPE_NAMES: Record<TaskType, { en: string; ko: string }> = {
	image_classification: { en: 'Image classification', ko: '이미지 분류' },
	bounding_boxes: { en: 'Bounding boxes', ko: '바운딩 박스' },
	text_classification: { en: 'Text classification', ko: '텍스트 분류' },
	named_entities: { en: 'Named entities', ko: '개체명 태깅' },
	transcription: { en: 'Transcription', ko: '전사' },
	translation_check: { en: 'Translation check', ko: '번역 검수' }
};
